"use client";

export { RetentionError as default } from "@/components/retention/retention-error";
