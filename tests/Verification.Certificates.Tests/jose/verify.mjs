// Verifies a VC-JWT against a JWKS with jose, an implementation independent of .NET's.
// Usage: node verify.mjs JWT_FILE JWKS_FILE  -> prints the verified payload and protected header as JSON; exit 1 on failure.
import { readFileSync } from "node:fs";
import { createLocalJWKSet, jwtVerify } from "jose";

const [jwtFile, jwksFile] = process.argv.slice(2);
const jwt = readFileSync(jwtFile, "utf8").trim();
const jwks = createLocalJWKSet(JSON.parse(readFileSync(jwksFile, "utf8")));
try {
  const { payload, protectedHeader } = await jwtVerify(jwt, jwks, { algorithms: ["ES256"] });
  console.log(JSON.stringify({ header: protectedHeader, payload }));
} catch (error) {
  console.log(JSON.stringify({ error: error.code ?? error.name, message: error.message }));
  process.exit(1);
}
