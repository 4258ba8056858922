import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { getPublicProfile } from "@/lib/data/users";

/**
 * Checks that the account exists before loading.tsx starts streaming: once the stream has begun
 * the status is fixed at 200, and unknown or deactivated users must get a real 404.
 */
export default async function ProfileLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ username: string }>;
}) {
  if (!(await getPublicProfile((await params).username))) notFound();
  return children;
}
