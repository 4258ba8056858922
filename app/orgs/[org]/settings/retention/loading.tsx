import { RetentionSkeleton } from "@/components/retention/retention-skeleton";

export default RetentionSkeleton;
