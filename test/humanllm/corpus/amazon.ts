import path from "node:path";
import { Rng } from "@/lib/domain/rng";
import { freeText, paragraph, qualityTag, sentence, v2Tag } from "./answers";
import { dumpIndented, dumps, Float, text, writeJsonl, writeText, type Py } from "./formats";

// Amazon users as amazon_filter_s1.py, amazon_filter_s2.py and amazon_data_gen.py leave them: users
// numbered from 0 in each product category, one review a line in time order, the first 100 reviews
// of 150 characters or more cleaned and tagged; persona and profile (prompts in {category}_prompt
// inside the stage folder), the second tagging round, writing style and review summaries. Nothing
// of Amazon is judged.

type Row = { [key: string]: Py };
export const CATEGORIES = ["Books", "Toys_and_Games"] as const;
const PRODUCTS = 400;

export const productId = (category: string, k: number) => `${category === "Books" ? "B0" : "T0"}${String(k).padStart(8, "0")}`;

export function writeAmazonUser(dir: string, category: string, n: number, rng: Rng, opts: { maxPosts: number }): void {
  const uid = String(n);
  const file = (...parts: string[]) => path.join(dir, "amazon", ...parts);
  const count = rng.int(8, Math.max(8, Math.min(16, opts.maxPosts)));
  const items = new Set<string>();
  while (items.size < count) items.add(productId(category, rng.int(0, PRODUCTS - 1)));
  let cleaned = 0;
  const reviews = [...items].map((item, i) => {
    const text = rng.chance(0.15) ? sentence(rng, 8, `(amazon ${category} ${uid} ${i})`) : paragraph(rng, rng.int(2, 4), `(amazon ${category} ${uid} review ${i})`);
    const raw: Row = { item_id: item, timestamp: 1_600_000_000_000 + n * 1_000_000 + i * 86_400_000, rating: new Float(rng.int(1, 5)), title: rng.chance(0.2) ? "" : sentence(rng, 4), text };
    if (text.length < 150 || cleaned >= 100) return { raw, clean: raw, tier: null };
    cleaned++;
    const tag = qualityTag(rng);
    return { raw, clean: { ...raw, rewrite_blog: text.replace("(amazon", "(rewritten amazon"), quality_tag: tag.text }, tier: tag.tier };
  });
  writeJsonl(
    file("raw_data", category, `${uid}.json`),
    reviews.map((r) => r.raw),
    true,
  );
  writeJsonl(
    file("clean_data", category, `${uid}.json`),
    reviews.map((r) => r.clean),
    false,
  );

  for (const stage of ["users_persona", "users_profile"]) {
    writeText(file(stage, category, `${uid}.txt`), freeText(rng, `(amazon ${category} ${uid} ${stage})`, stage === "users_persona" ? 0.05 : 0));
    writeText(file(stage, `${category}_prompt`, `${uid}.txt`), `The user bought ${count} products.`);
  }

  const tagged = reviews.map((r) => ({ ...r, v2: r.tier ? v2Tag(rng) : null }));
  writeJsonl(
    file("by_users_quality_tagging_v2", category, `${uid}.json`),
    tagged.map((r) => (r.v2 ? { ...r.clean, blog_quality_v2: r.v2.text } : r.clean)),
    false,
  );
  const rewritten = tagged.map((r) => ({ ...r, row: (r.v2 ? { ...r.clean, rewritten_text_v2: sentence(rng, 16, `(rewritten amazon ${text(r.raw.item_id)})`) } : r.clean) as Row }));
  writeJsonl(
    file("by_users_quality_tagging_v2_rewritten", category, `${uid}.json`),
    rewritten.map((r) => r.row),
    false,
  );
  const styled = rewritten.filter((r) => r.v2?.ok);
  if (styled.length >= 3) {
    writeText(file("writing_style", category, `${uid}.txt`), freeText(rng, `(amazon ${category} ${uid} writing style)`, 0));
    writeText(file("writing_style", `${category}_prompt`, `${uid}.txt`), styled.map((r, k) => `\nHistory ${k + 1}:\nThe review is: ${text(r.row.rewritten_text_v2)}\n`).join(""));
    writeJsonl(
      file("review_summary_v2", category, `${uid}.json`),
      styled.map((r) => ({ ...r.row, summary: sentence(rng, 12, `(summary ${text(r.raw.item_id)})`) })),
      false,
    );
  }
}

/** raw_data/amazon_{category}_content.json: json.dump(indent=4) of every product's metadata, some products without a title. */
export function writeAmazonProducts(dir: string, rng: Rng): void {
  for (const category of CATEGORIES) {
    const products: Record<string, Py> = {};
    for (let k = 0; k < PRODUCTS; k++) {
      products[productId(category, k)] = {
        main_category: category,
        title: k % 97 === 5 ? "" : `${sentence(rng, 3).slice(0, -1)} ${k}`,
        average_rating: new Float(rng.int(20, 50) / 10),
        rating_number: rng.int(3, 900),
        features: [],
        description: [sentence(rng, 10)],
        price: "",
        store: "Shop",
        categories: [category],
        details: { Publisher: "Press" },
        parent_asin: productId(category, k),
      };
    }
    const raw = path.join(dir, "amazon", "raw_data");
    // written as the filter writes it: indent=4, ensure_ascii=False
    writeText(path.join(raw, `amazon_${category}_content.json`), dumpIndented(products, false));
    writeText(path.join(raw, `amazon_${category}_uid_map.json`), dumps({ AHXYZ: 0 }));
  }
}
