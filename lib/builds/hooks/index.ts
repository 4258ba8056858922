import { generic } from "./generic";
import { gitea } from "./gitea";
import { github } from "./github";
import { gitlab } from "./gitlab";
import type { HookFormat } from "./types";

// Gitea and Forgejo also send X-GitHub-Event, so they are asked first; generic takes the rest.
const FORMATS: HookFormat[] = [gitea, github, gitlab, generic];

/** The format a request is in, by its headers (generic when no Git host's header is there). */
export function hookFormatOf(h: Headers): HookFormat {
  return FORMATS.find((f) => f.matches(h)) ?? generic;
}

export type { HookEvent, HookFormat, HookPush, HookRefusal, HookSource } from "./types";
