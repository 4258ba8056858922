import { Children, isValidElement, type ReactNode } from "react";
import Markdown, { type Components } from "react-markdown";
import remarkGfm from "remark-gfm";

/**
 * Renders a repository overview, on the repository page and in the settings form's preview (it has
 * no server-only imports, so the client form renders it too, with the same result).
 *
 * GitHub-flavoured Markdown (remark-gfm: tables, task lists, strikethrough, autolinks), still
 * without raw HTML: react-markdown builds React elements and never injects HTML (no rehype-raw), so
 * `<script>` or `onerror=` in the source stays text; its default URL filter keeps only safe
 * protocols (http(s), mailto, …) and drops `javascript:`; links are marked nofollow for SEO spam.
 *
 * The look is the typography plugin's `prose` (sized to the page's 14 px text). Inline code gets a
 * tinted chip of its own, scoped to code outside <pre>: a tint on every <code> once painted code
 * blocks light grey under their light text, which made them invisible.
 */
export function MarkdownView({ source }: { source: string }) {
  return (
    <div
      className={[
        "prose prose-sm max-w-none prose-themed",
        "prose-headings:font-semibold prose-a:text-link",
        "prose-code:font-medium prose-code:before:content-none prose-code:after:content-none",
        "[&_:not(pre)>code]:rounded [&_:not(pre)>code]:bg-slate-100 [&_:not(pre)>code]:px-1 [&_:not(pre)>code]:py-0.5",
        // Task lists: the checkbox is the marker, so no bullet and no bullet indent (nested ones keep theirs).
        "[&_.contains-task-list]:list-none [&_.contains-task-list]:ps-0 [&_.contains-task-list_.contains-task-list]:ps-6",
        "[&_.task-list-item]:ps-0 [&_.task-list-item_input]:me-2 [&_.task-list-item_input]:accent-brand-600",
      ].join(" ")}
    >
      <Markdown remarkPlugins={[remarkGfm]} components={COMPONENTS}>
        {source}
      </Markdown>
    </div>
  );
}

const COMPONENTS: Components = {
  a: ({ href, children }) => (
    <a href={href} rel="nofollow ugc noopener">
      {children}
    </a>
  ),
  // The page already has its h1 (the repository name) and the Overview h2: the overview's headings
  // start at h2 (kept so since overviews were written for it) and go down one level each.
  h1: ({ children }) => <h2>{children}</h2>,
  h2: ({ children }) => <h3>{children}</h3>,
  h3: ({ children }) => <h4>{children}</h4>,
  h4: ({ children }) => <h5>{children}</h5>,
  h5: ({ children }) => <h6>{children}</h6>,
  // A wide table scrolls in its own box instead of widening the page (the sidebar sits beside it).
  table: ({ children }) => (
    <div className="overflow-x-auto">
      <table>{children}</table>
    </div>
  ),
  li: ({ className, children }) => <li className={className}>{taskItem(className, children)}</li>,
};

/**
 * A task item's checkbox labelled by its text (so it is not an unnamed control): the text up to a
 * nested list goes in a <label>, the nested list after it. A loose item (paragraphs) is left as it
 * is, since a <label> may hold only phrasing content.
 */
function taskItem(className: string | undefined, children: ReactNode): ReactNode {
  if (!className?.split(" ").includes("task-list-item")) return children;
  const items = Children.toArray(children);
  const isBlock = (c: ReactNode, tags: string[]) =>
    isValidElement(c) && typeof c.type === "string" && tags.includes(c.type);
  const nested = items.findIndex((c) => isBlock(c, ["ul", "ol"]));
  const head = nested === -1 ? items : items.slice(0, nested);
  if (head.some((c) => isBlock(c, ["p"]))) return children;
  return (
    <>
      <label>{head}</label>
      {nested === -1 ? null : items.slice(nested)}
    </>
  );
}
