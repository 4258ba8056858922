import { redirect } from "next/navigation";

/** `/settings` has no page of its own: it opens the first one (the layout signs visitors in first). */
export default function SettingsIndexPage(): never {
  redirect("/settings/general");
}
