// Validates rendered manifests (multi-document YAML on stdin or in the files given) offline:
//  * built-in kinds with kubernetes-models (the Kubernetes OpenAPI schemas compiled into the package: types,
//    required fields, enums, formats; it does not reject unknown fields, which the CRD check below does);
//  * custom resources with ajv against the openAPIV3Schema of the CRDs kept in crds/, made strict: an object that
//    lists its properties accepts no other (unless x-kubernetes-preserve-unknown-fields), so a misspelt field fails
//    here instead of being pruned silently by the API server.
// A kind that is neither built in nor in crds/ fails too. Exit code 1 on any error.
import { readFileSync, readdirSync } from "node:fs";
import { parseAllDocuments, parse } from "yaml";
import Ajv from "ajv";
import * as models from "kubernetes-models";

const here = new URL(".", import.meta.url).pathname;
// strict: false because the CRDs carry x-kubernetes-* keywords; formats the API server knows are checked, others
// (e.g. "quantity" has a pattern of its own) are not logged.
const ajv = new Ajv({ strict: false, allErrors: true, logger: { log() {}, warn() {}, error: console.error } });
ajv.addFormat("int32", { type: "number", validate: n => Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31 });
ajv.addFormat("int64", { type: "number", validate: n => Number.isInteger(n) });
ajv.addFormat("date-time", /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/i);

function strict(schema) {
  if (Array.isArray(schema)) return schema.map(strict);
  if (!schema || typeof schema !== "object") return schema;
  const out = {};
  for (const [k, v] of Object.entries(schema)) out[k] = k === "properties" ? Object.fromEntries(Object.entries(v).map(([p, s]) => [p, strict(s)])) : strict(v);
  if (out.properties && out.additionalProperties === undefined && !out["x-kubernetes-preserve-unknown-fields"]) out.additionalProperties = false;
  // int-or-string has no type in the CRD: accept both.
  if (out["x-kubernetes-int-or-string"]) { delete out.type; out.anyOf = [{ type: "integer" }, { type: "string" }]; }
  return out;
}

const crdValidators = new Map();
for (const file of readdirSync(`${here}crds`).filter(f => f.endsWith(".yaml"))) {
  const crd = parse(readFileSync(`${here}crds/${file}`, "utf8"));
  for (const version of crd.spec.versions) {
    const schema = strict(structuredClone(version.schema.openAPIV3Schema));
    // apiVersion, kind and metadata are checked by the API server, not by the CRD's schema.
    schema.properties.metadata = { type: "object" };
    crdValidators.set(`${crd.spec.group}/${version.name}/${crd.spec.names.kind}`, ajv.compile(schema));
  }
}

// kubernetes-models exports one namespace per group/version, e.g. models.apps.v1.Deployment, models.v1.Service.
function builtIn(apiVersion, kind) {
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : ["", apiVersion];
  const path = group === "" ? `v1/${kind}` : `${group.replace(/\.k8s\.io$/, ".k8s.io")}/${version}/${kind}`;
  return import(`kubernetes-models/${path}`).then(m => m[kind]).catch(() => undefined);
}

const inputs = process.argv.slice(2);
const texts = inputs.length ? inputs.map(f => [f, readFileSync(f, "utf8")]) : [["<stdin>", readFileSync(0, "utf8")]];
let errors = 0, checked = 0;
for (const [source, text] of texts) {
  for (const doc of parseAllDocuments(text)) {
    if (doc.errors.length) { console.error(`${source}: YAML: ${doc.errors[0].message}`); errors++; continue; }
    const obj = doc.toJS();
    if (!obj) continue;
    const name = `${source}: ${obj.kind}/${obj.metadata?.name}`;
    checked++;
    const validate = crdValidators.get(`${obj.apiVersion?.split("/")[0]}/${obj.apiVersion?.split("/")[1]}/${obj.kind}`);
    if (validate) {
      if (!validate(obj)) { errors++; for (const e of validate.errors) console.error(`${name}: ${e.instancePath || "/"} ${e.message}${e.params?.additionalProperty ? ` (${e.params.additionalProperty})` : ""}`); }
      continue;
    }
    const Model = await builtIn(obj.apiVersion ?? "", obj.kind ?? "");
    if (!Model) { errors++; console.error(`${name}: no schema for ${obj.apiVersion} ${obj.kind} (not built in, no CRD in crds/)`); continue; }
    try { new Model(obj).validate(); } catch (e) { errors++; console.error(`${name}: ${e.message}`); }
  }
}
console.log(`validate.mjs: ${checked} objects, ${errors} with errors`);
process.exit(errors || checked === 0 ? 1 : 0);
