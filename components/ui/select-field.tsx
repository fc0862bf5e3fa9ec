type Option = string | { value: string | number; label: string };

/** A labelled <select> for a GET filter form; `any` adds a first choice that filters nothing. */
export function SelectField({ label, name, value, options, any }: { label: string; name: string; value: string | number | undefined; options: readonly Option[]; any?: string }) {
  return (
    <label className="flex flex-col">
      {label}
      <select name={name} defaultValue={value ?? ""} className="rounded border border-slate-300 bg-white px-2 py-1 text-sm">
        {any !== undefined && <option value="">{any}</option>}
        {options.map((o) =>
          typeof o === "string" ? (
            <option key={o}>{o}</option>
          ) : (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ),
        )}
      </select>
    </label>
  );
}
