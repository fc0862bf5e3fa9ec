import { describe, expect, it } from "vitest";
import { isNullOutput, isQualified, parseCharacters, judgeScoresFor, parseJudgeAnswer, parseQualityTags, parseScenario, parseSocialQa, parseStories, parseStory, parseThoughts } from "./outputs";
import { expectedLayout, folderRole, judgeModelOf, LAYOUTS, stageName } from "./stages";

describe("the HumanLLM pipeline's outputs", () => {
  it("reads the judge's answer as the SFT step's parse_xml_string_as_kv_dict does: case as written, every integer, the last repeat", () => {
    const answer = "```xml\n<data>\n<hallucination> 9 </hallucination>\n<Overall>3</Overall><overall>\n10\n</overall><leakage>0</leakage><novelty>11</novelty><overall>8</overall>\n</data>\n```";
    expect(parseJudgeAnswer(answer)).toEqual({ hallucination: 9, Overall: 3, overall: 8, leakage: 0, novelty: 11 });
    expect(parseJudgeAnswer("<coverage>\u0667</coverage><x>7 </y>")).toEqual({ coverage: 7 }); // Arabic-Indic seven, as Python's int() reads it
    expect(parseJudgeAnswer("<fidelity>\u{1D7D5}</fidelity>")).toEqual({ fidelity: 7 }); // a mathematical bold seven, the second set of ten in its run
    expect(parseJudgeAnswer("<data>\r<overall>9</overall>\r</data>")).toEqual({ overall: 9 });
    expect(parseJudgeAnswer("<data>7</data>")).toBeNull(); // unwrapped first, as the pipeline does
    expect(parseJudgeAnswer("<overall>9</overall")).toBeNull(); // cut off
  });

  it("keeps the stage's metrics exactly as spelled, every integer as given (naming those off the 1-10 scale), and leaves out only what no database integer holds", () => {
    const metrics = ["hallucination", "coverage", "novelty", "overall"];
    expect(judgeScoresFor("<data>\n<hallucination> 9 </hallucination><Coverage>8</Coverage><overall>10</overall><fidelity>5</fidelity><novelty>0</novelty></data>", metrics)).toEqual({
      scores: { hallucination: 9, overall: 10, novelty: 0 },
      outOfRange: ["novelty"],
      tooLarge: [],
    });
    // (the pipeline's pattern reads digits only: a minus sign makes no score)
    expect(judgeScoresFor("<overall>12</overall><coverage>-3</coverage><novelty>99999999999</novelty>", metrics)).toEqual({
      scores: { overall: 12 },
      outOfRange: ["overall"],
      tooLarge: ["novelty"],
    });
    expect(judgeScoresFor("I cannot judge this.", metrics)).toBeNull();
    expect(judgeScoresFor(null, metrics)).toBeNull();
  });

  it("reads quality tags and says which posts the pipeline used", () => {
    const tags = parseQualityTags("<output><quality>High</quality><harmless>yes</harmless></output>");
    expect(tags).toEqual({ quality: "high", harmless: "yes" });
    // which posts the pipeline used: as its extract_tag_content reads them, exactly
    expect(isQualified("<output><quality> high </quality><harmless>yes</harmless></output>")).toBe(true);
    expect(isQualified("<output><quality>High</quality><harmless>yes</harmless></output>")).toBe(false);
    expect(isQualified("<quality>medium</quality><harmless>no</harmless>")).toBe(false);
    expect(isQualified("<quality>low</quality><harmless>yes</harmless>")).toBe(false);
    expect(isQualified("<quality>medium</quality><Harmless>yes</Harmless>")).toBe(false);
    expect(parseQualityTags("nonsense")).toBeNull();
  });

  it("parses each generation's XML, and gives null for NULL or a missing part", () => {
    expect(isNullOutput(" NULL \n")).toBe(true);
    expect(["None", "n/a", "NaN", "```\nnone\n```"].map(isNullOutput)).toEqual([true, true, true, true]);
    expect(parseSocialQa("<data><scenario>s</scenario><question>q?</question><answer>a</answer></data>")).toEqual({ scenario: "s", question: "q?", answer: "a" });
    expect(parseSocialQa("<data><scenario>s</scenario><answer>a</answer></data>")).toBeNull();
    expect(parseSocialQa("NULL")).toBeNull();
    expect(
      parseScenario(
        "<data><characters><character>Lisa: a designer</character><character>Jo: her roommate</character></characters><summary> Lisa burns out </summary><scenario>Late night.</scenario></data>",
      ),
    ).toEqual({
      characters: { Lisa: "a designer", Jo: "her roommate" },
      summary: "Lisa burns out",
      scenario: "Late night.",
    });
    expect(parseStory("<data><background>b</background><characters>I am a nurse.\nThe doctor: my boss</characters><plots>p</plots></data>")).toEqual({
      background: "b",
      characters: { narrator: "I am a nurse.", "The doctor": "my boss" },
      story: "p",
    });
    expect(parseStory("<data><background>b</background><characters>c</characters><story>s</story></data>")?.story).toBe("s");
    expect(parseThoughts("<data><background>b</background><thoughts>t</thoughts></data>")).toEqual({ background: "b", characters: {}, thoughts: "t" });
    expect(parseCharacters(null)).toEqual({});
  });

  it("finds the stories in an answer as the SFT step's parse_json_string_stories does: either quoting, words around them", () => {
    expect(parseStories('Sure:\n```json\n[{"summary": "A trip", "content": "We drove north."}, {"summary": "x", "content": ""}]\n```')).toEqual({
      stories: [{ summary: "A trip", content: "We drove north." }],
    });
    // Python's repr of a list of dicts: single quotes, double ones around a text with an apostrophe
    expect(parseStories(`[{'summary': 'Moving out', 'content': "I didn't look back."}, {'summary': 'Work', 'content': 'Long days.'}]`)).toEqual({
      stories: [
        { summary: "Moving out", content: "I didn't look back." },
        { summary: "Work", content: "Long days." },
      ],
    });
    // as the official parser reads them, to the letter: a content ends at its first closing quote,
    // even an escaped one, and an escape keeps the character after the backslash ("\n" becomes "n")
    expect(parseStories(`[{"summary": "A", "content": "She said \\"stay\\"."}, {"summary": "B", "content": "Line one\\nline two"}]`)).toEqual({
      stories: [
        { summary: "A", content: "She said \\" },
        { summary: "B", content: "Line onenline two" },
      ],
    });
    // a cut-off answer keeps the whole pairs before the cut
    expect(parseStories(`[{"summary": "One", "content": "First."}, {"summary": "Two", "content": "Sec`)).toEqual({ stories: [{ summary: "One", content: "First." }] });
    expect(parseStories("[]")).toBeNull();
    expect(parseStories("[{broken")).toBeNull();
  });
});

describe("the pipeline's folders", () => {
  it("knows each platform's stage folders by name, with or without a qualifier, and the judge folders", () => {
    const { reddit, blogger, amazon } = LAYOUTS;
    expect(stageName("users_persona_v2(medium_high)")).toBe("users_persona_v2");
    expect(folderRole(reddit, "users_persona_v2(medium_high)")).toMatchObject({ role: "stage", stage: { kind: "persona", level: "user" } });
    expect(folderRole(reddit, "scenario_question_answer_from_single_blog_emphasizereason_v3(medium_high)")).toMatchObject({ role: "stage", stage: { kind: "social_qa", flavor: "why" } });
    expect(folderRole(reddit, "writing_style")).toMatchObject({ role: "stage", stage: { kind: "writing_style" } });
    expect(folderRole(reddit, "clean_data")).toEqual({ role: "posts" });
    expect(folderRole(reddit, "users_persona_v2(medium_high)_prompt")).toEqual({ role: "skipped" });
    expect(folderRole(reddit, "raw_data")).toEqual({ role: "skipped" });
    expect(folderRole(reddit, "my_notes")).toEqual({ role: "unknown" });
    expect(folderRole(blogger, "by_users_quality_tagging")).toEqual({ role: "posts" });
    expect(folderRole(blogger, "users_single_long_story_focusonbehavior(user_quality_high)")).toMatchObject({
      role: "stage",
      stage: { kind: "behavior_story", column: "single_long_story_focusonbebaviors" },
    });
    expect(folderRole(blogger, "by_users")).toEqual({ role: "skipped" });
    expect(folderRole(amazon, "review_summary_v2")).toMatchObject({ role: "stage", stage: { kind: "summary", column: "summary" } });
    expect(judgeModelOf("_judger_Qwen2.5-72B")).toBe("Qwen2.5-72B");
    expect(judgeModelOf("_judger")).toBe("");
    expect(judgeModelOf("judger")).toBeNull();
    expect(expectedLayout()).toContain("reddit/users_persona_v2[(...)]/{uid}.txt → persona");
    expect(expectedLayout(["amazon"])).toContain("amazon/clean_data/{category}/{uid}.json (posts)");
  });
});
