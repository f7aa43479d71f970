import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: [
      "node_modules/",
      "dist/",
      "src/.observablehq/",
      "scratch/",
      "out/",
      "src/scoring/",
      "src/loaders/",
      "src/simulation/",
      "test/fixtures/"
    ]
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {globals: {process: "readonly", console: "readonly", URL: "readonly", Buffer: "readonly"}},
    rules: {
      "@typescript-eslint/consistent-type-imports": "error",
      "@typescript-eslint/no-unused-vars": ["error", {argsIgnorePattern: "^_"}],
      "@typescript-eslint/no-non-null-assertion": "off"
    }
  }
);
