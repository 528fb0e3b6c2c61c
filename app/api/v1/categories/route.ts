import { NextResponse } from "next/server";
import { getDb } from "@/server/db";
import { apiHandler } from "@/server/http";
import { reference } from "@/server/reference";

export const GET = apiHandler(async () => {
  const { categories } = await reference(getDb());
  return NextResponse.json({ data: categories.map((c) => ({ code: c.code, name: c.name })) });
});
