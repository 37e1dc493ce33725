/**
 * The Handlebars environment the generator renders its templates with.
 * Templates never print a value directly: every mustache goes through a
 * helper, so configuration values only reach the generated code as literals
 * and identifiers only as checked names.
 *
 * - `{{lit value}}`: a JavaScript literal (`literal()` from emit.ts)
 * - `{{id name}}`: a checked identifier (a `Name`)
 * - `{{code fragment}}`: generated code built with emit.ts (a `Code`)
 * - `{{comment text}}`: text for a comment (line terminators removed, comment ends broken)
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import { Code, Name, literal } from './emit.ts';
import { templatesDir } from './paths.ts';

const hb = Handlebars.create();

/** The helpers a template may call; anything else in a mustache is refused. */
export const TEMPLATE_HELPERS = ['lit', 'id', 'code', 'comment'] as const;

hb.registerHelper('lit', (value: unknown) => new hb.SafeString(literal(value).text));
hb.registerHelper('id', (value: unknown) => {
  if (!(value instanceof Name)) throw new Error(`template: {{id}} needs a Name, got ${typeof value}`);
  return new hb.SafeString(value.text);
});
hb.registerHelper('code', (value: unknown) => {
  if (!(value instanceof Code)) throw new Error(`template: {{code}} needs generated Code, got ${typeof value}`);
  return new hb.SafeString(value.text);
});
hb.registerHelper('comment', (value: unknown) => new hb.SafeString(commentText(String(value))));

/** Text safe inside a line or block comment: no line terminators, and no star-slash that would end a block comment. */
export function commentText(text: string): string {
  return text.replace(/[\r\n\u2028\u2029]+/g, ' ').replace(/\*\//g, '*\\/');
}

const compiled = new Map<string, HandlebarsTemplateDelegate>();

/** Reads a template's source (`name` without the `.hbs` extension). */
export function templateSource(name: string): string {
  return readFileSync(join(templatesDir(), `${name}.hbs`), 'utf8');
}

/** Renders `templates/<name>.hbs` with `context`. */
export function renderTemplate(name: string, context: object): Code {
  let template = compiled.get(name);
  if (template === undefined) {
    template = hb.compile(templateSource(name), {
      noEscape: true,
      strict: true,
      knownHelpers: { lit: true, id: true, code: true, comment: true },
      knownHelpersOnly: true,
    });
    compiled.set(name, template);
  }
  return new Code(template(context).replace(/\n{3,}/g, '\n\n'));
}
