import Markdown from "react-markdown";

/**
 * Renders a repository overview. react-markdown builds React elements and never injects raw HTML
 * (no rehype-raw), so `<script>` or `onerror=` in the source stays text; links are made inert for SEO
 * spam and only http(s)/mailto URLs are kept (its default URL filter drops `javascript:`).
 */
export function MarkdownView({ source }: { source: string }) {
  return (
    <div className="prose-sm max-w-none space-y-3 text-sm leading-6 text-slate-800 [&_a]:text-brand-600 [&_a]:underline [&_code]:rounded [&_code]:bg-slate-100 [&_code]:px-1 [&_h1]:text-xl [&_h1]:font-semibold [&_h2]:text-lg [&_h2]:font-semibold [&_ol]:list-decimal [&_ol]:pl-6 [&_pre]:overflow-x-auto [&_pre]:rounded-md [&_pre]:bg-slate-950 [&_pre]:p-3 [&_pre]:text-slate-100 [&_ul]:list-disc [&_ul]:pl-6">
      <Markdown
        components={{
          a: ({ href, children }) => (
            <a href={href} rel="nofollow ugc noopener">
              {children}
            </a>
          ),
          // The page already has its h1 (the repository name): the overview's headings start at h2.
          h1: ({ children }) => <h2 className="text-xl font-semibold">{children}</h2>,
          h2: ({ children }) => <h3 className="text-lg font-semibold">{children}</h3>,
          h3: ({ children }) => <h4 className="font-semibold">{children}</h4>,
        }}
      >
        {source}
      </Markdown>
    </div>
  );
}
