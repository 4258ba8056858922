import { describe, expect, it } from "vitest";
import { signTicket, verifyTicket } from "@/lib/security/crypto";
import { beginSignIn, checkPassword } from "@/lib/services/session/verify-credentials";
import { createUser } from "@/lib/services/user/create";
import { uniqueName } from "@/tests/helpers/factory";

async function newUser() {
  const username = uniqueName("si");
  const password = `pw-${username}-secret`;
  await createUser({ username, email: `${username}@example.test`, password });
  return { username, password };
}

describe("password sign-in", () => {
  it("accepts username or email, case-insensitively, and refuses a wrong password", async () => {
    const u = await newUser();
    expect((await checkPassword(u.username.toUpperCase(), u.password, "10.1.0.1")).username).toBe(u.username);
    expect((await checkPassword(`${u.username}@example.test`, u.password, "10.1.0.1")).username).toBe(u.username);
    await expect(checkPassword(u.username, "wrong", "10.1.0.1")).rejects.toMatchObject({
      code: "UNAUTHORIZED",
      message: "Incorrect username or password.",
    });
    await expect(checkPassword(uniqueName("nobody"), "wrong", "10.1.0.1")).rejects.toMatchObject({
      code: "UNAUTHORIZED",
      message: "Incorrect username or password.",
    });
  });

  it("locks an account after 10 failures in the window, even for the right password", async () => {
    const u = await newUser();
    for (let i = 0; i < 10; i++)
      await expect(checkPassword(u.username, "wrong", `10.2.0.${i}`)).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(checkPassword(u.username, u.password, "10.2.1.1")).rejects.toMatchObject({
      code: "RATE_LIMITED",
      message: expect.stringContaining("Too many failed sign-in attempts"),
    });
  });

  it("limits one address guessing across many accounts", async () => {
    const ip = `10.3.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
    for (let i = 0; i < 30; i++)
      await expect(checkPassword(uniqueName("ghost"), "wrong", ip)).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    const u = await newUser();
    await expect(checkPassword(u.username, u.password, ip)).rejects.toMatchObject({ code: "RATE_LIMITED" });
    expect((await checkPassword(u.username, u.password, "10.3.255.254")).username).toBe(u.username);
  });

  it("hands out a session ticket directly when 2FA is off; tickets are bound to purpose and expire", async () => {
    const u = await newUser();
    const step = await beginSignIn(u.username, u.password, "10.4.0.1");
    expect(step.step).toBe("done");
    if (step.step !== "done") return;
    expect(verifyTicket("session", step.sessionTicket)).toBeTruthy();
    expect(verifyTicket("mfa", step.sessionTicket)).toBeNull();
    expect(verifyTicket("session", signTicket("session", "someone", -1))).toBeNull();
    expect(
      verifyTicket(
        "session",
        step.sessionTicket.replace(/.$/, (c) => (c === "A" ? "B" : "A")),
      ),
    ).toBeNull();
  });
});
