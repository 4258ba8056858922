import { ProfileNotFound } from "@/components/profile/profile-not-found";

// For the page's own notFound() (an account deactivated between the layout's check and the page).
export default ProfileNotFound;
