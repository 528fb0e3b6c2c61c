import Link from "next/link";

const styles = {
  primary: "bg-brand-700 text-white hover:bg-brand-800",
  secondary: "border border-brand-700 bg-white text-brand-700 hover:bg-brand-50",
} as const;

export const buttonClass = (variant: keyof typeof styles = "primary") =>
  `inline-flex min-h-11 items-center justify-center rounded-md px-5 py-2.5 text-base font-semibold no-underline ${styles[variant]} disabled:cursor-not-allowed disabled:opacity-60`;

export function ButtonLink({ href, variant, children }: { href: string; variant?: keyof typeof styles; children: React.ReactNode }) {
  return (
    <Link href={href} className={buttonClass(variant)}>
      {children}
    </Link>
  );
}
