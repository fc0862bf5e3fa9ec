"use client";
import { useRouter } from "next/navigation";
import { useEffect } from "react";

/** While a job runs (an export, a calibration), re-renders the page every second so its progress bar moves. */
export function RunPoller({ active }: { active: boolean }) {
  const router = useRouter();
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => router.refresh(), 1000);
    return () => clearInterval(timer);
  }, [active, router]);
  return null;
}
