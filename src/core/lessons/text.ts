/**
 * Lesson text: every sentence a teacher's feature shows exists in English and Korean, and may
 * carry inline formulas between `$...$` (TeX, rendered by KaTeX on the page). DOM-free: the page
 * renders the segments, the tests read them.
 */

/** The languages of every lesson text (the page's `lang` choices). */
export const LESSON_LANGS = ['en', 'ko'] as const;
export type LessonLang = (typeof LESSON_LANGS)[number];

/** One text in both languages. */
export type Bilingual = Readonly<Record<LessonLang, string>>;

/** A piece of lesson text: plain words, or a TeX formula (without its `$` delimiters). */
export interface TextSegment {
  kind: 'text' | 'math';
  value: string;
}

/**
 * Splits `text` at its `$` delimiters: even pieces are words, odd pieces are formulas.
 * `\$` is a literal dollar sign. An unclosed `$` is a mistake in the lesson and throws, so a
 * test finds it before a student does.
 */
export function splitMath(text: string): TextSegment[] {
  const out: TextSegment[] = [];
  let buf = '';
  let math = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\\' && text[i + 1] === '$') {
      buf += '$';
      i++;
    } else if (c === '$') {
      if (buf !== '' || math) out.push({ kind: math ? 'math' : 'text', value: buf });
      buf = '';
      math = !math;
    } else {
      buf += c;
    }
  }
  if (math) throw new Error(`unclosed $ in lesson text: ${text.slice(0, 60)}`);
  if (buf !== '') out.push({ kind: 'text', value: buf });
  return out;
}
