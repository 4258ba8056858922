import type { ReactNode } from "react";
import { GC_PAGE, requireGcOperator } from "@/lib/loaders/garbage-collection";

/** Operators only: checked here, before the loading state streams, so anyone else gets a real 404. */
export default async function GarbageCollectionLayout({ children }: { children: ReactNode }) {
  await requireGcOperator(GC_PAGE);
  return children;
}
