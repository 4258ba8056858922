import { ProfileNotFound } from "@/components/profile/profile-not-found";

// Catches the notFound() of app/u/[username]/layout.tsx: a segment's own not-found.tsx sits inside its layout.
export default ProfileNotFound;
