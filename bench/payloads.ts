/**
 * Realistic, varied complaint submissions for the intake benchmarks. Deterministic (seeded), so
 * two runs send the same mix; every payload passes the contract's validation.
 */
import { readFileSync } from "node:fs";
import path from "node:path";

type Areas = { kecamatan: { name: string; kelurahan: string[] }[] };
type Categories = { categories: { code: string }[] };

export type ComplaintPayload = {
  title: string;
  body: string;
  categoryCode?: string;
  kecamatan?: string;
  kelurahan?: string;
  address?: string;
  lat?: number;
  lon?: number;
  incidentDate?: string;
  reporterName?: string;
  reporterPhone?: string;
  reporterEmail?: string;
  anonymous?: boolean;
  confidential?: boolean;
};

export const SUBJECTS: { title: string; body: string; category?: string }[] = [
  { title: "Jalan berlubang di depan {place}", body: "Lubang cukup dalam di tengah jalan depan {place}, sudah dua minggu belum diperbaiki. Pengendara motor sering hampir jatuh, terutama malam hari saat hujan.", category: "JALAN" },
  { title: "Lampu penerangan jalan mati di {place}", body: "Tiga tiang lampu PJU di sekitar {place} mati sejak awal bulan. Jalan menjadi gelap dan warga khawatir terjadi kejahatan.", category: "JALAN" },
  { title: "Sampah menumpuk di {place}", body: "Tumpukan sampah rumah tangga di {place} tidak diangkut selama seminggu. Baunya menyengat dan mulai banyak lalat serta tikus.", category: "SAMPAH" },
  { title: "KTP-el belum jadi setelah tiga bulan", body: "Saya merekam KTP-el di kantor kecamatan tiga bulan lalu namun sampai sekarang belum dicetak. Petugas selalu menjawab blangko habis.", category: "ADMINDUK" },
  { title: "Drainase tersumbat dekat {place}", body: "Saluran air di dekat {place} tersumbat lumpur dan sampah, setiap hujan deras air meluap ke jalan dan masuk ke rumah warga.", category: "JALAN" },
  { title: "Parkir liar menutup jalan di {place}", body: "Banyak kendaraan parkir di bahu jalan dekat {place} sehingga jalan menyempit dan macet setiap sore. Mohon penertiban.", category: "LALIN" },
  { title: "Antrean puskesmas sangat panjang", body: "Pasien harus antre sejak subuh di puskesmas dekat {place} dan banyak yang pulang tanpa dilayani. Mohon tambahan petugas loket.", category: "KESEHATAN" },
  { title: "Air PDAM tidak mengalir di {place}", body: "Sudah empat hari air tidak mengalir di rumah kami di sekitar {place}. Tidak ada pemberitahuan sebelumnya dari pihak pengelola.", category: "AIR" },
  { title: "Pungutan liar saat mengurus izin usaha", body: "Saat mengurus izin usaha mikro saya dimintai uang tambahan oleh oknum di loket pelayanan, padahal layanan ini seharusnya gratis.", category: "PERIZINAN" },
  { title: "Pohon tumbang menghalangi jalan {place}", body: "Sebuah pohon besar tumbang setelah angin kencang dan menutup sebagian jalan di {place}. Belum ada petugas yang datang membersihkan.", category: undefined },
  { title: "Bangunan liar di atas saluran air", body: "Ada bangunan semi permanen yang berdiri di atas saluran air di dekat {place} sehingga aliran air terhambat dan sering banjir.", category: "KETERTIBAN" },
  { title: "Sekolah meminta uang seragam mahal", body: "Sekolah negeri di dekat {place} mewajibkan pembelian seragam dan buku dari koperasi sekolah dengan harga yang sangat mahal.", category: "PENDIDIKAN" },
];

export const PLACES = ["pasar", "masjid raya", "SD Negeri 12", "simpang tiga", "halte bus", "pelabuhan", "kantor lurah", "perumahan", "ruko", "taman kota"];
export const NAMES = ["Budi Santoso", "Siti Rahmawati", "Andi Pratama", "Dewi Lestari", "Rudi Hartono", "Nur Aisyah", "Joko Susilo", "Maria Ulfa"];

/** A small deterministic PRNG (mulberry32): the mix is the same on every run. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type ReferenceData = { areas: Areas["kecamatan"]; categoryCodes: string[] };

export function loadReferenceData(root: string, region = "BTM"): ReferenceData {
  const dir = path.join(root, "db", "seed", "data", region.toLowerCase());
  const areas = JSON.parse(readFileSync(path.join(dir, "areas.json"), "utf8")) as Areas;
  const cats = JSON.parse(readFileSync(path.join(dir, "categories.json"), "utf8")) as Categories;
  return { areas: areas.kecamatan, categoryCodes: cats.categories.map((c) => c.code) };
}

/** Returns a generator of valid, varied complaints: ~60 % with a category, ~50 % with kelurahan. */
export function complaintGenerator(ref: ReferenceData, seed = 42): () => ComplaintPayload {
  const rand = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  let n = 0;
  return () => {
    n++;
    const s = pick(SUBJECTS);
    const kec = pick(ref.areas);
    const kel = pick(kec.kelurahan);
    const place = `${pick(PLACES)} ${kel}`;
    const p: ComplaintPayload = {
      title: `${s.title.replace("{place}", place)} (#${n})`.slice(0, 150),
      body: s.body.replace("{place}", place),
    };
    if (s.category && rand() < 0.6) p.categoryCode = s.category;
    if (rand() < 0.5) {
      p.kelurahan = kel;
      if (rand() < 0.7) p.kecamatan = kec.name;
      p.address = `Jl. ${pick(PLACES)} No. ${1 + Math.floor(rand() * 200)}, ${kel}`;
    }
    if (rand() < 0.3) {
      p.lat = Number((1.0 + rand() * 0.2).toFixed(6));
      p.lon = Number((103.9 + rand() * 0.2).toFixed(6));
    }
    if (rand() < 0.4) {
      const d = new Date(Date.now() - (1 + Math.floor(rand() * 30)) * 86_400_000);
      p.incidentDate = d.toISOString().slice(0, 10);
    }
    const r = rand();
    if (r < 0.25) p.anonymous = true;
    else {
      p.reporterName = pick(NAMES);
      if (rand() < 0.7) p.reporterPhone = `08${String(1_000_000_000 + Math.floor(rand() * 8_999_999_999)).slice(0, 10)}`;
      if (rand() < 0.4) p.reporterEmail = `warga${n}@contoh.id`;
    }
    if (rand() < 0.1) p.confidential = true;
    return p;
  };
}
