"use client";

export { BuildsError as default } from "@/components/builds/builds-error";
