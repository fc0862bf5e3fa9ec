import type { NextConfig } from "next";
import { API_SECURITY_HEADERS, STATIC_SECURITY_HEADERS } from "./lib/security-headers";

const nextConfig: NextConfig = {
  async headers() {
    return [
      { source: "/:path*", headers: STATIC_SECURITY_HEADERS },
      { source: "/api/:path*", headers: API_SECURITY_HEADERS },
    ];
  },
  serverExternalPackages: ["bcryptjs"],
  // server actions carry small forms: Next refuses bodies past this (route handlers count their own, lib/auth/request-checks.ts)
  experimental: { authInterrupts: true, serverActions: { bodySizeLimit: "1mb" } },
  poweredByHeader: false,
};

export default nextConfig;
