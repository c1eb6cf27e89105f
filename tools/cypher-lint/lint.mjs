// Lint Cypher statements with Neo4j's own front end (@neo4j-cypher/language-support): its
// parser and semantic analysis, offline.
//
// stdin: JSON, either [{name, statement, parameters}, ...] or
//        {labels: [...], relationshipTypes: [...], statements: [{name, statement, parameters}, ...]}
// stdout: JSON [{name, cypherVersion, diagnostics: [{severity, message, line, character}]}, ...],
//         one entry per statement and Cypher version. Severity 1 is an error, 2 a warning.
//
// Besides syntax and semantics, the linter is given the built-in functions and procedures of a
// Neo4j database (the signatures the package ships), so a function or procedure Neo4j lacks
// is an error; the parameters given, so a parameter left out is an error; and, when passed,
// the labels and relationship types, so an unknown one is a warning.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';

// The package's ESM build does not resolve under Node's loader; its CommonJS build does.
const require = createRequire(import.meta.url);
const { lintCypherQuery, testData } = require('@neo4j-cypher/language-support');

const CYPHER_VERSIONS = ['CYPHER 5', 'CYPHER 25'];

const input = JSON.parse(readFileSync(0, 'utf8'));
const statements = Array.isArray(input) ? input : input.statements;
const known = Array.isArray(input) ? {} : input;

const builtins = {
  functions: testData.mockSchema.functions,
  procedures: testData.mockSchema.procedures,
};

const results = [];
for (const { name, statement, parameters } of statements) {
  for (const cypherVersion of CYPHER_VERSIONS) {
    const schema = {
      ...builtins,
      parameters: parameters ?? {},
      defaultLanguage: cypherVersion,
    };
    if (known.labels && known.relationshipTypes) {
      schema.labels = known.labels;
      schema.relationshipTypes = known.relationshipTypes;
    }
    const diagnostics = lintCypherQuery(statement, schema).map((d) => ({
      severity: d.severity,
      message: d.message,
      line: d.range.start.line,
      character: d.range.start.character,
    }));
    results.push({ name, cypherVersion, diagnostics });
  }
}
process.stdout.write(JSON.stringify(results, null, 1) + '\n');
