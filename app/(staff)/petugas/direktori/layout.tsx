import { ClientMessages } from "@/components/client-messages";

/** The directory's forms are client components (components/directory/form.tsx): they need its texts. */
export default function DirectoryLayout({ children }: { children: React.ReactNode }) {
  return <ClientMessages sections={["directory"]}>{children}</ClientMessages>;
}
