import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { yaml } from '@codemirror/lang-yaml';
import {
  bracketMatching,
  defaultHighlightStyle,
  indentOnInput,
  syntaxHighlighting,
} from '@codemirror/language';
import { type Diagnostic, lintGutter, lintKeymap, setDiagnostics } from '@codemirror/lint';
import { Compartment, EditorState } from '@codemirror/state';
import {
  drawSelection,
  EditorView,
  highlightActiveLine,
  highlightActiveLineGutter,
  keymap,
  lineNumbers,
} from '@codemirror/view';
import { type Ref, useEffect, useImperativeHandle, useRef } from 'react';
import { type DraftIssue, offsetOf } from './issue-position.ts';

export type RuleEditorHandle = {
  /** Puts the cursor at a 1-based line and column, scrolls it into view and focuses the editor. */
  jumpTo(line: number, column: number): void;
};

type Props = {
  value: string;
  onChange(text: string): void;
  issues: readonly DraftIssue[];
  isReadOnly: boolean;
  /** The accessible name of the text area. */
  label: string;
  ref?: Ref<RuleEditorHandle>;
};

const theme = EditorView.theme({
  '&': { height: '480px', border: '1px solid #d9d9d9', borderRadius: '6px', fontSize: '13px' },
  '&.cm-focused': { outline: '2px solid #91caff' },
  '.cm-scroller': { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace' },
});

/**
 * The rule file editor (CodeMirror 6, YAML): every issue underlined at its range and marked in the
 * gutter. Long lines scroll inside the editor rather than wrap: a wrapped line would lose the
 * indentation YAML depends on. The text is the caller's: a change of `value` from outside (another version loaded)
 * replaces the document. Tab is left to focus navigation, so the editor never traps the keyboard.
 */
export function RuleEditor({ value, onChange, issues, isReadOnly, label, ref }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;
  const editable = useRef(new Compartment());

  // biome-ignore lint/correctness/useExhaustiveDependencies: the view is made once; later props are dispatched below
  useEffect(() => {
    if (!host.current) return;
    const created = new EditorView({
      parent: host.current,
      state: EditorState.create({
        doc: value,
        extensions: [
          lineNumbers(),
          highlightActiveLineGutter(),
          history(),
          drawSelection(),
          indentOnInput(),
          bracketMatching(),
          highlightActiveLine(),
          syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
          yaml(),
          lintGutter(),
          keymap.of([...defaultKeymap, ...historyKeymap, ...lintKeymap]),
          EditorView.contentAttributes.of({ 'aria-label': label }),
          editable.current.of([EditorState.readOnly.of(isReadOnly), EditorView.editable.of(!isReadOnly)]),
          theme,
          EditorView.updateListener.of((update) => {
            if (update.docChanged) onChangeRef.current(update.state.doc.toString());
          }),
        ],
      }),
    });
    view.current = created;
    return () => {
      created.destroy();
      view.current = null;
    };
  }, []);

  useEffect(() => {
    const v = view.current;
    if (!v || v.state.doc.toString() === value) return;
    v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: value } });
  }, [value]);

  useEffect(() => {
    view.current?.dispatch({
      effects: editable.current.reconfigure([
        EditorState.readOnly.of(isReadOnly),
        EditorView.editable.of(!isReadOnly),
      ]),
    });
  }, [isReadOnly]);

  useEffect(() => {
    const v = view.current;
    if (!v) return;
    const length = v.state.doc.length;
    const diagnostics: Diagnostic[] = issues.map((i) => ({
      from: Math.min(i.from, length),
      to: Math.min(i.to, length),
      severity: i.severity,
      message: i.message,
      source: i.origin,
    }));
    v.dispatch(setDiagnostics(v.state, diagnostics));
  }, [issues]);

  useImperativeHandle(
    ref,
    () => ({
      jumpTo(line, column) {
        const v = view.current;
        if (!v) return;
        const at = Math.min(offsetOf(v.state.doc.toString(), line, column), v.state.doc.length);
        v.dispatch({ selection: { anchor: at }, effects: EditorView.scrollIntoView(at, { y: 'center' }) });
        v.focus();
      },
    }),
    [],
  );

  return <div ref={host} data-testid="rule-editor" />;
}
