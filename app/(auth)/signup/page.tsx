import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth/auth-card";
import { SignUpForm } from "@/components/auth/sign-up-form";
import { getCurrentUser } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Create an account" };

export default async function SignUpPage() {
  if (await getCurrentUser()) redirect("/");
  return (
    <AuthCard title="Create your Dockyard account" subtitle="Your username becomes your namespace for repositories.">
      <SignUpForm />
    </AuthCard>
  );
}
