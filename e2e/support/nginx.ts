import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { connect } from "node:net";
import os from "node:os";
import path from "node:path";

export const NGINX = "/usr/sbin/nginx";

/**
 * nginx running the committed deploy/nginx/pintu.conf, with only what differs on a test machine
 * substituted: the app hosts' addresses, the listening ports, the certificate (self-signed, made
 * here), the access log's path. Everything else — forwarded headers, body size, /metrics — is the
 * file as an operator installs it.
 */
export async function startNginx(opts: { root: string; upstreams: [string, string]; httpsPort: number; httpPort: number }): Promise<{ stop: () => Promise<void>; log: () => string }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "pintu-nginx-"));
  for (const d of ["client_body", "proxy", "fastcgi", "uwsgi", "scgi"]) mkdirSync(path.join(dir, d));
  execFileSync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=pintu.batam.go.id", "-keyout", path.join(dir, "key.pem"), "-out", path.join(dir, "cert.pem")], { stdio: "ignore" });
  const site = readFileSync(path.join(opts.root, "deploy/nginx/pintu.conf"), "utf8")
    .replace("10.0.1.11:3000", opts.upstreams[0])
    .replace("10.0.1.12:3000", opts.upstreams[1])
    .replace(/listen 443 ssl http2;/, `listen 127.0.0.1:${opts.httpsPort} ssl http2;`)
    .replace(/listen \[::\]:443 ssl http2;/, "")
    .replace(/listen 80;/, `listen 127.0.0.1:${opts.httpPort};`)
    .replace(/listen \[::\]:80;/, "")
    .replace(/\/etc\/letsencrypt\/live\/pintu\.batam\.go\.id\/fullchain\.pem/, path.join(dir, "cert.pem"))
    .replace(/\/etc\/letsencrypt\/live\/pintu\.batam\.go\.id\/privkey\.pem/, path.join(dir, "key.pem"))
    .replace("/var/log/nginx/pintu.access.log", path.join(dir, "access.log"));
  writeFileSync(path.join(dir, "pintu.conf"), site);
  writeFileSync(
    path.join(dir, "nginx.conf"),
    `worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 256; }
http {
  client_body_temp_path ${dir}/client_body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  include ${path.join(opts.root, "deploy/nginx/pintu-log-format.conf")};
  include ${dir}/pintu.conf;
}
`,
  );
  execFileSync(NGINX, ["-t", "-q", "-p", dir, "-c", path.join(dir, "nginx.conf")], { stdio: "pipe" });
  const child: ChildProcess = spawn(NGINX, ["-p", dir, "-c", path.join(dir, "nginx.conf"), "-g", "daemon off;"], { stdio: "ignore" });
  for (let i = 0; i < 50 && !(await portOpen(opts.httpsPort)); i++) await new Promise((r) => setTimeout(r, 100));
  return {
    log: () => (existsSync(path.join(dir, "access.log")) ? readFileSync(path.join(dir, "access.log"), "utf8") : ""),
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once("exit", r));
        child.kill("SIGQUIT");
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
        if (child.exitCode === null) child.kill("SIGKILL");
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect(port, "127.0.0.1");
    s.once("connect", () => (s.destroy(), resolve(true)));
    s.once("error", () => resolve(false));
  });
}
