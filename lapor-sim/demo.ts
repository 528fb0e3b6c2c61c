import { defaultLaporMappings } from "@/db/seed/lapor-mappings";
import type { SimStore } from "./store";

/**
 * A few complaints LAPOR disposed to the city, so `npm start` shows the inbound flow on a fresh
 * machine: one with a photo, one anonymous, one confidential, one already answered by its
 * reporter in LAPOR. Ids come from the default mappings, so categories and areas resolve.
 */
export function seedSimDemo(store: SimStore, region = "BTM"): void {
  if (store.complaints.size > 0) return;
  const m = defaultLaporMappings(region);
  const cat = (code: string) => m.category.find((c) => c.code === code)?.laporId ?? null;
  const area = (kel: string) => m.area.find((a) => a.kelurahan === kel) ?? null;
  const loc = (kel: string) => ({ location_id: area(kel)?.laporId ?? null, location_name: area(kel) ? `${area(kel)!.kelurahan}, ${area(kel)!.kecamatan}` : null });
  store.createDisposed({
    title: "Jalan berlubang di depan SD Negeri",
    content: "Jalan di depan SD Negeri dekat simpang lampu merah berlubang besar dan sudah dua kali membuat pengendara motor jatuh.",
    category_id: cat("JALAN"),
    ...loc("Baloi Permai"),
    attachmentCount: 1,
    reporter: { name: "Rahmat Hidayat", phone: "081277001122", email: null },
  });
  store.createDisposed({
    title: "Pungutan liar saat pengurusan KK",
    content: "Saya diminta membayar uang tambahan oleh oknum petugas saat mengurus kartu keluarga, padahal layanan ini gratis.",
    category_id: cat("ADMINDUK"),
    ...loc("Sungai Panas"),
    is_anonymous: true,
    reporter: { name: "Dewi Lestari", phone: "081366778899", email: null },
  });
  store.createDisposed({
    title: "Sampah menumpuk di TPS pasar",
    content: "Sampah di TPS dekat pasar sudah empat hari tidak diangkut, bau menyengat dan lalat di mana-mana.",
    category_id: cat("SAMPAH"),
    ...loc("Belian"),
    is_secret: true,
    reporter: { name: "Siti Aminah", phone: null, email: "siti.aminah@example.id" },
  });
  const answered = store.createDisposed({
    title: "Lampu jalan mati di perumahan",
    content: "Lampu penerangan jalan di perumahan kami mati sejak dua minggu lalu sehingga jalan gelap gulita pada malam hari.",
    category_id: cat("PERUMAHAN"),
    ...loc("Teluk Tering"),
    reporter: { name: "Budi Santoso", phone: "081299887766", email: null },
  });
  store.addReporterFollowup(answered, "Tambahan: lampu yang mati ada tiga tiang, di depan blok C nomor 10 sampai 14.", null);
}
