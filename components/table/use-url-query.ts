"use client";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback, useTransition } from "react";

const PAGING = ["page", "after", "before"];

/**
 * The page's query string as state: `update` merges changes into it (an empty value removes the
 * key) and navigates, so a table's filters, sort and page live in a URL that can be shared and
 * reloaded. Any change that is not itself paging (`page`, `after`, `before`) starts again at the
 * first page.
 */
export function useUrlQuery() {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const [pending, startTransition] = useTransition();
  const update = useCallback(
    (changes: Record<string, string | number | null | undefined>) => {
      const next = new URLSearchParams(params.toString());
      for (const [key, value] of Object.entries(changes)) {
        if (value === null || value === undefined || value === "") next.delete(key);
        else next.set(key, String(value));
      }
      if (!("page" in changes)) for (const key of PAGING) next.delete(key);
      const query = next.toString();
      startTransition(() => router.push(query ? `${pathname}?${query}` : pathname, { scroll: false }));
    },
    [params, pathname, router],
  );
  return { params, update, pending };
}
