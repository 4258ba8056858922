import type { ReactNode } from "react";
import { loadGcRun } from "@/lib/loaders/garbage-collection";

/** A run that does not exist is a real 404: looked up here, before the loading state streams. */
export default async function GarbageCollectionRunLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ id: string }>;
}) {
  await loadGcRun((await params).id);
  return children;
}
