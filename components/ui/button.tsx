import Link from "next/link";
import type { ButtonHTMLAttributes, ComponentProps } from "react";
import { buttonClass, type ButtonSize, type ButtonVariant } from "./button-styles";

type Look = { variant?: ButtonVariant; size?: ButtonSize };

/** A plain button (type="button" unless told otherwise, so it never submits a form by accident). */
export function Button({
  variant = "primary",
  size = "md",
  className = "",
  type = "button",
  ...props
}: ButtonHTMLAttributes<HTMLButtonElement> & Look) {
  return <button type={type} className={buttonClass(variant, className, size)} {...props} />;
}

/** A link that looks like a button: navigation stays a link for the browser and screen readers. */
export function ButtonLink({
  variant = "primary",
  size = "md",
  className = "",
  ...props
}: ComponentProps<typeof Link> & Look) {
  return <Link className={buttonClass(variant, className, size)} {...props} />;
}
