import Link from "next/link";

export default function Forbidden() {
  return (
    <main className="mx-auto mt-24 max-w-md px-4 text-center">
      <h1 className="text-2xl font-semibold">403 · Not for your role</h1>
      <p className="mt-2 text-slate-600">Your account&apos;s role does not allow this page. Ask an admin if you need access.</p>
      <Link href="/" className="mt-4 inline-block text-indigo-700 underline">
        Back to your projects
      </Link>
    </main>
  );
}
