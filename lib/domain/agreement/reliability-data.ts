/**
 * Reliability data (Krippendorff's term): which annotator gave which label to which unit, encoded as
 * integers and grouped by unit, so the agreement statistics run over typed arrays (a million
 * ratings in well under a second) and a bootstrap can resample units by weight.
 */
import { int32List } from "../number-list";

export interface Rating {
  item: string;
  annotator: string;
  label: string;
}

export interface ReliabilityData {
  units: string[];
  annotators: string[];
  /** the labels seen, sorted */
  categories: string[];
  /** ratings of unit u are at unitStart[u] .. unitStart[u + 1] - 1 */
  unitStart: Int32Array;
  rater: Int32Array;
  label: Int32Array;
}

export class DuplicateRatingError extends Error {
  constructor(
    readonly item: string,
    readonly annotator: string,
  ) {
    super(`"${annotator}" rated "${item}" twice; give each annotator one label per item`);
  }
}

function indexer() {
  const ids = new Map<string, number>();
  const names: string[] = [];
  const id = (name: string) => {
    let i = ids.get(name);
    if (i === undefined) {
      ids.set(name, (i = names.length));
      names.push(name);
    }
    return i;
  };
  return { id, names };
}

/** Encodes ratings; an annotator rating one item twice is an error (which label would count?). */
export function reliabilityData(ratings: Iterable<Rating>): ReliabilityData {
  const units = indexer();
  const annotators = indexer();
  const labels = indexer();
  const u: number[] = [];
  const a: number[] = [];
  const l: number[] = [];
  for (const r of ratings) {
    u.push(units.id(r.item));
    a.push(annotators.id(r.annotator));
    l.push(labels.id(r.label));
  }
  // categories sorted, so results do not depend on the order labels first appear in
  const sorted = [...labels.names].sort();
  const rank = new Int32Array(sorted.length);
  labels.names.forEach((name, i) => (rank[i] = sorted.indexOf(name)));

  // counting sort by unit
  const unitStart = new Int32Array(units.names.length + 1);
  for (const x of u) unitStart[x + 1]++;
  for (let i = 0; i < units.names.length; i++) unitStart[i + 1] += unitStart[i];
  const next = unitStart.slice(0, -1);
  const rater = new Int32Array(u.length);
  const label = new Int32Array(u.length);
  for (let i = 0; i < u.length; i++) {
    const at = next[u[i]]++;
    rater[at] = a[i];
    label[at] = rank[l[i]];
  }
  for (let x = 0; x < units.names.length; x++) {
    for (let i = unitStart[x]; i < unitStart[x + 1]; i++) {
      for (let j = unitStart[x]; j < i; j++) if (rater[i] === rater[j]) throw new DuplicateRatingError(units.names[x], annotators.names[rater[i]]);
    }
  }
  return { units: units.names, annotators: annotators.names, categories: sorted, unitStart, rater, label };
}

/** The same data restricted to some units (by index, in the order given): a slice of a project. */
export function selectUnits(d: ReliabilityData, units: ArrayLike<number>): ReliabilityData {
  const unitStart = new Int32Array(units.length + 1);
  for (let i = 0; i < units.length; i++) unitStart[i + 1] = unitStart[i] + d.unitStart[units[i] + 1] - d.unitStart[units[i]];
  const rater = new Int32Array(unitStart[units.length]);
  const label = new Int32Array(unitStart[units.length]);
  for (let i = 0; i < units.length; i++) {
    rater.set(d.rater.subarray(d.unitStart[units[i]], d.unitStart[units[i] + 1]), unitStart[i]);
    label.set(d.label.subarray(d.unitStart[units[i]], d.unitStart[units[i] + 1]), unitStart[i]);
  }
  return { units: Array.from(units, (u) => d.units[u]), annotators: d.annotators, categories: d.categories, unitStart, rater, label };
}

/**
 * Reliability data built unit by unit, for callers that read ratings grouped by unit already (a
 * query ordered by item): no object per rating and no sort, so a million ratings take little memory.
 */
export class ReliabilityBuilder {
  private readonly unitNames: string[] = [];
  private units = 0;
  private readonly starts = int32List();
  private readonly raters = int32List();
  private readonly labels = int32List();
  private readonly annotatorIds = indexer();
  private readonly labelIds = indexer();

  /** `names: false` keeps no unit names (the data's units are then all ""): a million ids cost tens of megabytes */
  constructor(private readonly opts: { names?: boolean } = {}) {
    this.starts.push(0);
  }

  /** Adds a unit and its ratings, one per annotator. */
  unit(name: string, ratings: readonly { annotator: string; label: string }[]): void {
    const first = this.raters.length;
    for (const r of ratings) {
      const rater = this.annotatorIds.id(r.annotator);
      for (let i = first; i < this.raters.length; i++) if (this.raters.at(i) === rater) throw new DuplicateRatingError(name, r.annotator);
      this.raters.push(rater);
      this.labels.push(this.labelIds.id(r.label));
    }
    if (this.opts.names ?? true) this.unitNames.push(name);
    this.units++;
    this.starts.push(this.raters.length);
  }

  build(): ReliabilityData {
    const sorted = [...this.labelIds.names].sort();
    const rank = this.labelIds.names.map((name) => sorted.indexOf(name));
    return {
      units: (this.opts.names ?? true) ? this.unitNames : new Array<string>(this.units).fill(""),
      annotators: this.annotatorIds.names,
      categories: sorted,
      unitStart: this.starts.view().slice(),
      rater: this.raters.view().slice(),
      label: Int32Array.from(this.labels.view(), (l) => rank[l]),
    };
  }
}
