import { describe, expect, it } from "vitest";
import {
  compileImmutableRules,
  immutableDeleteRefusal,
  immutableOverwriteRefusal,
  immutableRuleFor,
} from "@/lib/authz/rules/immutable-tags";

const rules = compileImmutableRules([
  { id: "1", repositoryPattern: "app-*", tagPattern: "release-{1,2}.*" },
  { id: "2", repositoryPattern: "team/**", tagPattern: "v*" },
  // A stored pattern that no longer compiles matches nothing rather than everything.
  { id: "3", repositoryPattern: "**", tagPattern: "broken-{" },
]);

describe("immutable tag rules", () => {
  it("match the repository name inside the namespace and the tag, both whole", () => {
    expect(immutableRuleFor(rules, "app-web", "release-1.0")?.id).toBe("1");
    expect(immutableRuleFor(rules, "app-web", "release-3.0")).toBeNull();
    expect(immutableRuleFor(rules, "web", "release-1.0")).toBeNull();
    expect(immutableRuleFor(rules, "team/a/b", "v2")?.id).toBe("2");
    expect(immutableRuleFor(rules, "team", "v2")?.id).toBe("2");
    expect(immutableRuleFor(rules, "teams/a", "v2")).toBeNull();
    expect(immutableRuleFor(rules, "x", "broken-{")).toBeNull();
    expect(rules.map((r) => r.id)).toEqual(["1", "2"]);
  });

  it("refuse with DENIED, naming the tag and the rule", () => {
    expect(
      immutableOverwriteRefusal("alice/app", "v1.0", { id: "r", repositoryPattern: "**", tagPattern: "v*" }),
    ).toEqual({
      status: 403,
      code: "DENIED",
      message: 'tag v1.0 of alice/app is immutable (rule: repositories "**", tags "v*"); push a new tag instead',
    });
    const rule = { id: "r", repositoryPattern: "**", tagPattern: "v*" };
    expect(
      immutableDeleteRefusal("alice/app", [
        { tag: "v1", rule },
        { tag: "v1.0", rule },
      ]).message,
    ).toBe('tags v1, v1.0 of alice/app are immutable (rule: repositories "**", tags "v*") and cannot be deleted');
  });
});
