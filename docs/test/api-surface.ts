/**
 * threadmpi's public surface, read from its published declarations (dist/index.d.ts) with the
 * TypeScript compiler: every exported value (class, function, constant, namespace member) and
 * every public member a class declares itself. Types alone (interfaces, aliases) are not calls a
 * program makes, and members tagged @internal or private/protected are not API.
 */
import path from 'node:path';
import ts from 'typescript';
import { docsDir } from './manifest.js';

export const declarationsPath = path.resolve(docsDir, '../packages/threadmpi/dist/index.d.ts');

function isHidden(declaration: ts.Declaration): boolean {
  const modifiers = ts.getCombinedModifierFlags(declaration);
  if (modifiers & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected)) return true;
  if (ts.isPrivateIdentifier((declaration as ts.NamedDeclaration).name ?? declaration)) return true;
  return ts.getJSDocTags(declaration).some((tag) => tag.tagName.text === 'internal');
}

/** Whether instances of `cls` are Errors (their `name` then only restates the class). */
function extendsError(checker: ts.TypeChecker, cls: ts.Symbol): boolean {
  let type: ts.Type | undefined = checker.getDeclaredTypeOfSymbol(cls);
  while (type !== undefined) {
    if (type.getSymbol()?.getName() === 'Error') return true;
    type = type.isClassOrInterface() ? checker.getBaseTypes(type)[0] : undefined;
  }
  return false;
}

/** `Class.member` for the members `cls` declares itself (inherited ones belong to the base class). */
function classMembers(checker: ts.TypeChecker, name: string, cls: ts.Symbol): string[] {
  const declaration = cls.declarations?.find(ts.isClassDeclaration);
  if (declaration === undefined) return [];
  const isError = extendsError(checker, cls);
  const names = new Set<string>();
  for (const member of declaration.members) {
    if (ts.isConstructorDeclaration(member) || ts.isClassStaticBlockDeclaration(member) || ts.isIndexSignatureDeclaration(member)) continue;
    if (member.name === undefined || isHidden(member)) continue;
    const memberName = member.name.getText();
    if (isError && memberName === 'name') continue;
    names.add(`${name}.${memberName}`);
  }
  return [...names];
}

function surfaceOf(checker: ts.TypeChecker, moduleSymbol: ts.Symbol, prefix: string): string[] {
  const names: string[] = [];
  for (const exported of checker.getExportsOfModule(moduleSymbol)) {
    const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    const name = prefix + exported.name;
    if (symbol.flags & ts.SymbolFlags.ValueModule) {
      names.push(...surfaceOf(checker, symbol, `${name}.`));
    } else if (symbol.flags & ts.SymbolFlags.Class) {
      names.push(name, ...classMembers(checker, name, symbol));
    } else if (symbol.flags & ts.SymbolFlags.Value) {
      names.push(name);
    }
  }
  return names;
}

export function publicSurface(): string[] {
  const program = ts.createProgram([declarationsPath], { skipLibCheck: true, noEmit: true });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(declarationsPath);
  if (source === undefined) throw new Error(`${declarationsPath} is missing: build the core first`);
  const moduleSymbol = checker.getSymbolAtLocation(source);
  if (moduleSymbol === undefined) throw new Error(`${declarationsPath} exports nothing`);
  return [...new Set(surfaceOf(checker, moduleSymbol, ''))].sort();
}
