/** The token subject the console uses for its own registry calls; not a valid username, so no user can be it. */
export const CONSOLE_SUBJECT = "_console";
