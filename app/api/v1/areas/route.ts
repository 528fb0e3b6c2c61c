import { NextResponse } from "next/server";
import { getDb } from "@/server/db";
import { apiHandler } from "@/server/http";
import { reference } from "@/server/reference";

export const GET = apiHandler(async () => {
  const { areas } = await reference(getDb());
  return NextResponse.json({ data: areas.map((k) => ({ kecamatan: k.name, kelurahan: k.kelurahan.map((l) => l.name) })) });
});
