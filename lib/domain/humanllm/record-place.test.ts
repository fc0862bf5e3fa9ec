import { describe, expect, it } from "vitest";
import { placeOfRecord } from "./record-place";

describe("the place of a converted record", () => {
  it("is the stage file and line an artifact names, a post's source, a user's posts file", () => {
    expect(placeOfRecord({ type: "artifact", source: "reddit/users_sing_long_story(medium_high)/1001.json:3 (judge: reddit/x/_judger_Q/1001.json:2)" })).toBe(
      "reddit/users_sing_long_story(medium_high)/1001.json:3",
    );
    expect(placeOfRecord({ type: "artifact", source: "reddit/users_persona_v2(medium_high)/1001.txt" })).toBe("reddit/users_persona_v2(medium_high)/1001.txt");
    expect(placeOfRecord({ type: "post", meta: { source: "twitter/clean_data/2001.json:4" } })).toBe("twitter/clean_data/2001.json:4");
    expect(placeOfRecord({ type: "user", uid: "reddit:1001", platform: "reddit" })).toBe("reddit/clean_data/1001.json");
    expect(placeOfRecord({ type: "user", uid: "amazon:Books/12", platform: "amazon" })).toBe("amazon/clean_data/Books/12.json");
    expect(placeOfRecord({ type: "user", uid: "blogger:3001", platform: "blogger" })).toBe("blogger/by_users_quality_tagging/3001.csv");
    expect(placeOfRecord({ type: "user", uid: "x:1", platform: "myspace" })).toBeNull();
    expect(placeOfRecord("nonsense")).toBeNull();
  });
});
