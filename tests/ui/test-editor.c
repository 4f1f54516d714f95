/* test-editor.c
 *
 * Copyright 2026 The Byline Authors
 *
 * This program is free software: you can redistribute it and/or modify
 * it under the terms of the GNU General Public License as published by
 * the Free Software Foundation, either version 3 of the License, or
 * (at your option) any later version.
 *
 * This program is distributed in the hope that it will be useful,
 * but WITHOUT ANY WARRANTY; without even the implied warranty of
 * MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.  See the
 * GNU General Public License for more details.
 *
 * You should have received a copy of the GNU General Public License
 * along with this program.  If not, see <http://www.gnu.org/licenses/>.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/*
 * The source editor in the real window: formatting actions, undo, and list editing through
 * editor.newline / editor.indent / editor.outdent, which are what Enter, Tab and Shift+Tab
 * reach. Runs under Xvfb and a private session bus.
 */

#include "config.h"

#include "byline-application.h"
#include "byline-page.h"
#include "byline-search-bar.h"
#include "byline-source-view.h"
#include "byline-test-utils.h"
#include "byline-window.h"

static BylineApplication *app;
static BylineWindow *window;

static GtkWidget *
get_view (void)
{
  GtkWidget *view = GTK_WIDGET (byline_page_get_view (byline_window_get_page (window)));

  g_assert_true (BYLINE_IS_SOURCE_VIEW (view));

  return view;
}

static GtkTextBuffer *
get_buffer (void)
{
  return gtk_text_view_get_buffer (GTK_TEXT_VIEW (get_view ()));
}

static void
set_text (const char *text)
{
  GtkTextBuffer *buffer = get_buffer ();

  gtk_text_buffer_set_text (buffer, text, -1);
}

static char *
get_text (void)
{
  return byline_test_buffer_text (get_buffer ());
}

static char *
get_selected_text (void)
{
  GtkTextBuffer *buffer = get_buffer ();
  GtkTextIter start, end;

  gtk_text_buffer_get_selection_bounds (buffer, &start, &end);

  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
select_offsets (int start_offset,
                int end_offset)
{
  GtkTextBuffer *buffer = get_buffer ();
  GtkTextIter start, end;

  gtk_text_buffer_get_iter_at_offset (buffer, &start, start_offset);
  gtk_text_buffer_get_iter_at_offset (buffer, &end, end_offset);
  gtk_text_buffer_select_range (buffer, &start, &end);
}

static void
place_cursor_at_end (void)
{
  GtkTextBuffer *buffer = get_buffer ();
  GtkTextIter end;

  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_place_cursor (buffer, &end);
}

static void
activate (const char *action)
{
  g_assert_true (gtk_widget_activate_action (get_view (), action, NULL));
}

static void
assert_text (const char *expected)
{
  g_autofree char *text = get_text ();

  g_assert_cmpstr (text, ==, expected);
}

static void
undo (void)
{
  GtkTextBuffer *buffer = get_buffer ();

  g_assert_true (gtk_text_buffer_get_can_undo (buffer));
  gtk_text_buffer_undo (buffer);
}

static void
test_inline_formatting (void)
{
  g_autofree char *selected = NULL;
  g_autofree char *url = NULL;

  set_text ("Some words here");

  select_offsets (5, 10);
  activate ("editor.bold");
  assert_text ("Some **words** here");
  selected = get_selected_text ();
  g_assert_cmpstr (selected, ==, "words");

  /* The same action again unwraps. */
  activate ("editor.bold");
  assert_text ("Some words here");

  activate ("editor.italic");
  assert_text ("Some _words_ here");
  undo ();
  assert_text ("Some words here");

  select_offsets (5, 10);
  activate ("editor.link");
  assert_text ("Some [words](url) here");
  url = get_selected_text ();
  g_assert_cmpstr (url, ==, "url");

  /* One undo takes the whole link away. */
  undo ();
  assert_text ("Some words here");

  select_offsets (5, 10);
  activate ("editor.toggle-code");
  assert_text ("Some `words` here");
}

static int
get_cursor_offset (void)
{
  GtkTextBuffer *buffer = get_buffer ();
  GtkTextIter iter;

  gtk_text_buffer_get_iter_at_mark (buffer, &iter, gtk_text_buffer_get_insert (buffer));

  return gtk_text_iter_get_offset (&iter);
}

/* As typing does: the selected text goes, the new text takes its place. */
static void
type_over_selection (const char *text)
{
  gtk_text_buffer_delete_selection (get_buffer (), TRUE, TRUE);
  byline_test_type_text (window, text);
}

/* Ctrl+B, words, Ctrl+B: the second press ends the bold span instead of opening another one
 * inside it; the same for every inline toggle. */
static void
test_toggle_ends_the_span (void)
{
  set_text ("Some ");
  place_cursor_at_end ();
  activate ("editor.bold");
  assert_text ("Some ****");
  byline_test_type_text (window, "bold");
  activate ("editor.bold");
  assert_text ("Some **bold**");
  g_assert_cmpint (get_cursor_offset (), ==, 13);
  byline_test_type_text (window, " and ");

  activate ("editor.italic");
  byline_test_type_text (window, "italic");
  activate ("editor.italic");
  byline_test_type_text (window, " then ");
  assert_text ("Some **bold** and _italic_ then ");

  /* Inline code: the selection typed over, then on past the closing backtick. */
  byline_test_type_text (window, "word");
  select_offsets (32, 36);
  activate ("editor.toggle-code");
  type_over_selection ("code");
  activate ("editor.toggle-code");
  byline_test_type_text (window, ", ");
  assert_text ("Some **bold** and _italic_ then `code`, ");

  /* A link: once its address is typed over "url", on past the closing parenthesis. */
  byline_test_type_text (window, "site");
  select_offsets (40, 44);
  activate ("editor.link");
  type_over_selection ("https://example.com");
  activate ("editor.link");
  byline_test_type_text (window, ".");
  assert_text ("Some **bold** and _italic_ then `code`, [site](https://example.com).");

  /* Pressed twice with nothing between, the markers go again. */
  set_text ("Plain ");
  place_cursor_at_end ();
  activate ("editor.bold");
  activate ("editor.bold");
  assert_text ("Plain ");
  g_assert_cmpint (get_cursor_offset (), ==, 6);

  /* After a closed span the toggle opens a new one. */
  set_text ("**done** ");
  place_cursor_at_end ();
  activate ("editor.bold");
  assert_text ("**done** ****");
}

static void
test_line_formatting (void)
{
  set_text ("Title\nfirst\nsecond\n");

  select_offsets (0, 0);
  activate ("editor.heading-up");
  assert_text ("###### Title\nfirst\nsecond\n");
  for (int i = 0; i < 5; i++)
    activate ("editor.heading-up");
  assert_text ("# Title\nfirst\nsecond\n");
  activate ("editor.heading-up");
  assert_text ("# Title\nfirst\nsecond\n");
  activate ("editor.heading-down");
  assert_text ("## Title\nfirst\nsecond\n");
  undo ();
  assert_text ("# Title\nfirst\nsecond\n");

  /* "first" and "second"; the selection ends at the start of the last line, which stays out. */
  set_text ("Title\nfirst\nsecond\nafter");
  select_offsets (6, 19);
  activate ("editor.toggle-list");
  assert_text ("Title\n- first\n- second\nafter");
  select_offsets (6, 23);
  activate ("editor.toggle-list");
  assert_text ("Title\nfirst\nsecond\nafter");

  select_offsets (6, 19);
  activate ("editor.toggle-quote");
  assert_text ("Title\n> first\n> second\nafter");
  undo ();
  assert_text ("Title\nfirst\nsecond\nafter");

  select_offsets (6, 19);
  activate ("editor.toggle-code");
  assert_text ("Title\n```\nfirst\nsecond\n```\nafter");
  /* Selecting the fenced block and toggling again removes the fences. */
  select_offsets (6, 27);
  activate ("editor.toggle-code");
  assert_text ("Title\nfirst\nsecond\nafter");
}

static void
test_lists (void)
{
  set_text ("- one");
  place_cursor_at_end ();
  activate ("editor.newline");
  assert_text ("- one\n- ");
  byline_test_type_text (window, "two");
  activate ("editor.newline");
  assert_text ("- one\n- two\n- ");

  /* Tab nests the new item, Shift+Tab brings it back. */
  activate ("editor.indent");
  assert_text ("- one\n- two\n  - ");
  activate ("editor.outdent");
  assert_text ("- one\n- two\n- ");

  /* Enter on an empty item ends the list with a blank line: a table typed next is a table,
   * not part of the last item. */
  activate ("editor.newline");
  assert_text ("- one\n- two\n\n");
  byline_test_type_text (window, "| a | b |");
  assert_text ("- one\n- two\n\n| a | b |");
  set_text ("- one\n- ");
  place_cursor_at_end ();
  activate ("editor.newline");
  activate ("editor.newline");
  assert_text ("- one\n\n\n");

  set_text ("9. nine");
  place_cursor_at_end ();
  activate ("editor.newline");
  assert_text ("9. nine\n10. ");
  activate ("editor.indent");
  assert_text ("9. nine\n   10. ");

  set_text ("- [x] done");
  place_cursor_at_end ();
  activate ("editor.newline");
  assert_text ("- [x] done\n- [ ] ");
  /* One undo takes the continuation away. */
  undo ();
  assert_text ("- [x] done");

  /* Outside a list, Enter is a plain newline and Tab does nothing to the text. */
  set_text ("plain");
  place_cursor_at_end ();
  activate ("editor.newline");
  assert_text ("plain\n");
  activate ("editor.indent");
  assert_text ("plain\n");
}

typedef struct
{
  GtkWidget  *view;
  const char *expected;
} StatusWait;

static gboolean
status_is (gpointer data)
{
  StatusWait *wait = data;

  return g_strcmp0 (byline_source_view_get_status_text (BYLINE_SOURCE_VIEW (wait->view)),
                    wait->expected) == 0;
}

static void
wait_for_status (const char *expected)
{
  StatusWait wait = { get_view (), expected };

  byline_test_wait_until (status_is, &wait, expected);
}

static void
test_status (void)
{
  g_autoptr(GString) text = g_string_new (NULL);

  set_text ("One two three.\nFour");
  place_cursor_at_end ();
  wait_for_status ("4 words · 18 characters · 1 min read");

  /* The selection is counted on its own. */
  select_offsets (4, 13);
  wait_for_status ("Selection: 2 words · 9 characters · 1 min read");

  for (guint i = 0; i < 401; i++)
    g_string_append (text, "word ");
  set_text (text->str);
  place_cursor_at_end ();
  wait_for_status ("401 words · 2005 characters · 3 min read");

  set_text ("");
  wait_for_status ("0 words · 0 characters · 0 min read");

  /* The front matter holds the record's fields: only the body is reading. */
  set_text ("---\ntitle: A title of several words\n---\nJust three words");
  place_cursor_at_end ();
  wait_for_status ("3 words · 16 characters · 1 min read");
}

/* Sets @text and has the whole of it analysed at once. */
static void
set_highlighted_text (const char *text)
{
  GtkTextBuffer *buffer = get_buffer ();
  GtkTextIter start, end;

  set_text (text);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  gtk_source_buffer_ensure_highlight (GTK_SOURCE_BUFFER (buffer), &start, &end);
}

/* Highlights the whole buffer now, as the view would in its own time. */
static void
ensure_highlight (void)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (get_buffer (), &start, &end);
  gtk_source_buffer_ensure_highlight (GTK_SOURCE_BUFFER (get_buffer ()), &start, &end);
}

/* Whether the buffer, holding @text, has @context_class where @needle starts. */
static gboolean
has_class_at (const char *text,
              const char *needle,
              const char *context_class)
{
  GtkTextBuffer *buffer = get_buffer ();
  const char *found = strstr (text, needle);
  GtkTextIter iter;

  g_assert_nonnull (found);
  gtk_text_buffer_get_iter_at_offset (buffer, &iter, g_utf8_pointer_to_offset (text, found));

  return gtk_source_buffer_iter_has_context_class (GTK_SOURCE_BUFFER (buffer), &iter, context_class);
}

static gboolean
is_code_at (const char *text,
            const char *needle)
{
  gboolean code = has_class_at (text, needle, "code-fence");

  /* Code is never spell checked. */
  g_assert_true (!code || has_class_at (text, needle, "no-spell-check"));

  return code;
}

/* Raw HTML as Markdown has it: a tag complete on its line, a comment, an entity. A "<" that
 * opens no tag leaves the text after it alone. */
static void
test_highlighting_html (void)
{
  const char *text =
    "Raw <em>HTML</em> and a <span class=\"x\">span</span>.\n"
    "\n"
    "A comparison x <y that never closes.\n"
    "\n"
    "After the comparison.\n"
    "\n"
    "<!-- a note\n"
    "over lines -->\n"
    "\n"
    "After the note &amp; more.\n";

  set_highlighted_text (text);

  g_assert_true (has_class_at (text, "em>HTML", "html-tag"));
  g_assert_true (has_class_at (text, "class=", "html-tag"));
  g_assert_false (has_class_at (text, "HTML</em", "html-tag"));
  g_assert_false (has_class_at (text, "HTML</em", "no-spell-check"));
  g_assert_false (has_class_at (text, "y that never", "html-tag"));
  g_assert_false (has_class_at (text, "After the comparison", "html-tag"));
  g_assert_false (has_class_at (text, "After the comparison", "no-spell-check"));
  g_assert_true (has_class_at (text, "over lines", "comment"));
  g_assert_false (has_class_at (text, "After the note", "comment"));
  g_assert_true (has_class_at (text, "amp;", "no-spell-check"));
  g_assert_false (has_class_at (text, "more.", "no-spell-check"));
}

/* The editor's Markdown definition takes its contexts from no other language file: a reference
 * loads that file when the first document opens, and the stock "markdown" one brings in HTML,
 * CSS and JavaScript, whose parsing and checking took an eighth of opening an article. */
static void
test_highlighting_self_contained (void)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *text = NULL;
  const char *ref;

  bytes = g_resources_lookup_data (RESOURCE_PATH "/language-specs/byline-markdown.lang", 0, NULL);
  g_assert_nonnull (bytes);
  text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));

  for (ref = strstr (text, "ref=\""); ref != NULL; ref = strstr (ref + 1, "ref=\""))
    {
      const char *name = ref + strlen ("ref=\"");
      const char *colon = strchr (name, ':');
      const char *quote = strchr (name, '"');

      if (colon != NULL && colon < quote)
        {
          g_autofree char *language = g_strndup (name, colon - name);

          g_assert_cmpstr (language, ==, "def");
        }
    }

  /* And the copied contexts highlight as the stock ones did. */
  set_highlighted_text ("# Title\n\nSome `code` and a [link](https://example.com).\n");
  g_assert_true (has_class_at ("# Title\n\nSome `code` and a [link](https://example.com).\n",
                               "code`", "no-spell-check"));
  g_assert_true (has_class_at ("# Title\n\nSome `code` and a [link](https://example.com).\n",
                               "example.com", "no-spell-check"));
}

/* A view loads a dictionary only for the buffer it has once in a window, not for the empty
 * one it is made with. */
static void
test_spelling_waits_for_window (void)
{
  GtkWidget *view = g_object_ref_sink (g_object_new (BYLINE_TYPE_SOURCE_VIEW, NULL));
  GtkWidget *toplevel = gtk_window_new ();
  g_autoptr(GtkSourceBuffer) buffer = gtk_source_buffer_new (NULL);

  g_assert_null (byline_source_view_get_spelling_adapter (BYLINE_SOURCE_VIEW (view)));
  gtk_text_view_set_buffer (GTK_TEXT_VIEW (view), GTK_TEXT_BUFFER (buffer));
  g_assert_null (byline_source_view_get_spelling_adapter (BYLINE_SOURCE_VIEW (view)));

  gtk_window_set_child (GTK_WINDOW (toplevel), view);
  g_assert_nonnull (byline_source_view_get_spelling_adapter (BYLINE_SOURCE_VIEW (view)));

  gtk_window_destroy (GTK_WINDOW (toplevel));
  g_object_unref (view);
}

/* Suggestions and comments stand out in the editor, each by its kind, but not in code. */
static void
test_highlighting_review_marks (void)
{
  const char *text =
    "A {++big++} {--small--} dog {~~ran~>walked~~} {==here==}{>>Ann: why?<<}.\n"
    "\n"
    "`{++code++}` and plain {++ text.\n";
  GtkSourceStyleScheme *scheme;

  set_highlighted_text (text);

  g_assert_true (has_class_at (text, "big", "critic-addition"));
  g_assert_true (has_class_at (text, "small", "critic-deletion"));
  g_assert_true (has_class_at (text, "ran", "critic-substitution"));
  g_assert_true (has_class_at (text, "walked", "critic-substitution"));
  g_assert_true (has_class_at (text, "here", "critic-highlight"));
  g_assert_true (has_class_at (text, "Ann", "critic-comment"));
  g_assert_false (has_class_at (text, "dog", "critic"));
  g_assert_false (has_class_at (text, "code++", "critic"));
  g_assert_false (has_class_at (text, "plain", "critic"));
  g_assert_false (has_class_at (text, " text.", "critic"));
  /* Suggested words are prose: spell checked. */
  g_assert_false (has_class_at (text, "big", "no-spell-check"));

  /* The editor's scheme gives the kinds a look of their own. */
  scheme = gtk_source_buffer_get_style_scheme (GTK_SOURCE_BUFFER (get_buffer ()));
  g_assert_nonnull (gtk_source_style_scheme_get_style (scheme, "diff:added-line"));
  g_assert_nonnull (gtk_source_style_scheme_get_style (scheme, "diff:removed-line"));
}

/* Fenced code as CommonMark reads it: a fence of three or more backticks or tildes closes at a
 * fence of the same character at least as long. */
static void
test_highlighting (void)
{
  const char *text =
    "Intro with *emphasis*.\n"
    "\n"
    "````markdown\n"
    "```\n"
    "inside a longer fence\n"
    "```\n"
    "still inside\n"
    "````\n"
    "\n"
    "After four backticks.\n"
    "\n"
    "  ~~~ python\n"
    "tilde code\n"
    "~~~~~\n"
    "\n"
    "After tildes.\n"
    "\n"
    "```js\n"
    "let a = 1;\n"
    "~~~\n"
    "``\n"
    "```\n"
    "\n"
    "# Heading after code\n"
    "\n"
    "```inline``` is not a fence.\n"
    "\n"
    "Last words.\n";
  GtkTextBuffer *buffer = get_buffer ();

  g_assert_cmpstr (gtk_source_language_get_id (gtk_source_buffer_get_language (GTK_SOURCE_BUFFER (buffer))),
                   ==, "byline-markdown");
  set_highlighted_text (text);

  g_assert_false (is_code_at (text, "Intro"));
  g_assert_true (is_code_at (text, "inside a longer"));
  g_assert_true (is_code_at (text, "still inside"));
  g_assert_false (is_code_at (text, "After four"));
  g_assert_true (is_code_at (text, "tilde code"));
  g_assert_false (is_code_at (text, "After tildes"));
  g_assert_true (is_code_at (text, "let a"));
  g_assert_false (is_code_at (text, "Heading after"));
  g_assert_false (is_code_at (text, "is not a fence"));
  g_assert_false (is_code_at (text, "Last words"));

  /* Opening a fence makes the rest code until it is closed. */
  {
    GtkTextIter iter, start, end;
    g_autofree char *edited = NULL;

    gtk_text_buffer_get_iter_at_offset (buffer, &iter, g_utf8_strlen (text, -1) - strlen ("Last words.\n"));
    gtk_text_buffer_insert (buffer, &iter, "~~~\n", -1);
    gtk_text_buffer_get_bounds (buffer, &start, &end);
    gtk_source_buffer_ensure_highlight (GTK_SOURCE_BUFFER (buffer), &start, &end);
    edited = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
    g_assert_true (is_code_at (edited, "Last words"));
    g_assert_false (is_code_at (edited, "is not a fence"));
  }
}

static gboolean
is_dimmed_at (int offset)
{
  g_autoptr(GSList) tags = NULL;
  GtkTextIter iter;

  gtk_text_buffer_get_iter_at_offset (get_buffer (), &iter, offset);
  tags = gtk_text_iter_get_tags (&iter);
  for (GSList *l = tags; l != NULL; l = l->next)
    {
      gboolean set;

      g_object_get (l->data, "foreground-set", &set, NULL);
      if (set)
        return TRUE;
    }

  return FALSE;
}

static gboolean
focus_applied (gpointer data)
{
  /* "first" and "third" dimmed; "second" and "more", the cursor's paragraph, not. */
  return is_dimmed_at (0) && !is_dimmed_at (13) && !is_dimmed_at (24) && is_dimmed_at (30);
}

static gboolean
focus_cleared (gpointer data)
{
  return !is_dimmed_at (0) && !is_dimmed_at (30);
}

static gboolean
has_css_class (gpointer data)
{
  return gtk_widget_has_css_class (get_view (), data);
}

static gboolean
lacks_css_class (gpointer data)
{
  return !gtk_widget_has_css_class (get_view (), data);
}

static gboolean
cursor_centred (gpointer data)
{
  GtkTextView *view = GTK_TEXT_VIEW (get_view ());
  GtkAdjustment *vadjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (view));
  GdkRectangle location;
  GtkTextIter iter;
  double middle;

  gtk_text_buffer_get_iter_at_mark (get_buffer (), &iter,
                                    gtk_text_buffer_get_insert (get_buffer ()));
  gtk_text_view_get_iter_location (view, &iter, &location);
  middle = gtk_adjustment_get_value (vadjustment) + gtk_adjustment_get_page_size (vadjustment) / 2;

  /* GTK centres the line by the scroll offset or by the text's own area, which starts below
   * the view's top margin, depending on whether the lines were laid out when it scrolled:
   * either is the middle to a writer. */
  return gtk_adjustment_get_value (vadjustment) > 0
         && ABS (location.y + location.height / 2 - middle)
            <= location.height + gtk_text_view_get_top_margin (view);
}

static void
test_settings (void)
{
  g_autoptr(GSettings) settings = g_settings_new (BASE_ID);
  g_autoptr(GString) text = g_string_new (NULL);
  GtkWidget *view = get_view ();
  GtkTextIter iter;

  g_settings_set_boolean (settings, "show-line-numbers", TRUE);
  g_assert_true (gtk_source_view_get_show_line_numbers (GTK_SOURCE_VIEW (view)));
  g_settings_set_boolean (settings, "show-line-numbers", FALSE);
  g_assert_false (gtk_source_view_get_show_line_numbers (GTK_SOURCE_VIEW (view)));

  g_settings_set_boolean (settings, "wrap-text", FALSE);
  g_assert_cmpint (gtk_text_view_get_wrap_mode (GTK_TEXT_VIEW (view)), ==, GTK_WRAP_NONE);
  g_settings_set_boolean (settings, "wrap-text", TRUE);
  g_assert_cmpint (gtk_text_view_get_wrap_mode (GTK_TEXT_VIEW (view)), ==, GTK_WRAP_WORD_CHAR);

  g_settings_set_boolean (settings, "use-system-font", FALSE);
  g_settings_set_string (settings, "custom-font", "Serif 20");
  byline_test_wait_until (has_css_class, (gpointer) "byline-custom-font", "the custom font");
  g_settings_set_boolean (settings, "use-system-font", TRUE);
  byline_test_wait_until (lacks_css_class, (gpointer) "byline-custom-font", "the system font");

  /* Offsets: "first" 0, "second" 13, "more" 24, "third" 30. */
  set_text ("first para\n\nsecond para\nmore\n\nthird");
  select_offsets (15, 15);
  g_settings_set_boolean (settings, "focus-mode", TRUE);
  byline_test_wait_until (focus_applied, NULL, "focus mode to dim the other paragraphs");
  g_settings_set_boolean (settings, "focus-mode", FALSE);
  byline_test_wait_until (focus_cleared, NULL, "focus mode to end");

  for (guint i = 0; i < 400; i++)
    g_string_append_printf (text, "Line %u\n", i);
  set_text (text->str);
  /* The preview follows the cursor and, a moment later, would report its own scroll back to
   * the editor; that is scroll sync's business, not typewriter scrolling's. */
  g_settings_set_boolean (settings, "scroll-sync", FALSE);
  g_settings_set_boolean (settings, "typewriter-scrolling", TRUE);
  gtk_text_buffer_get_iter_at_line (get_buffer (), &iter, 200);
  gtk_text_buffer_place_cursor (get_buffer (), &iter);
  byline_test_wait_until (cursor_centred, NULL, "the cursor line in the middle of the view");
  g_settings_set_boolean (settings, "typewriter-scrolling", FALSE);
  g_settings_set_boolean (settings, "scroll-sync", TRUE);
}

static gboolean
is_misspelled_at (int offset)
{
  SpellingTextBufferAdapter *adapter =
    byline_source_view_get_spelling_adapter (BYLINE_SOURCE_VIEW (get_view ()));
  GtkTextIter iter;

  gtk_text_buffer_get_iter_at_offset (get_buffer (), &iter, offset);

  return gtk_text_iter_has_tag (&iter, spelling_text_buffer_adapter_get_tag (adapter));
}

static gboolean
misspelling_marked (gpointer data)
{
  /* "Thsi" marked, "sentence" not. */
  return is_misspelled_at (1) && !is_misspelled_at (10);
}

static gboolean
misspelling_unmarked (gpointer data)
{
  return !is_misspelled_at (1);
}

static gboolean
menu_has_label (GMenuModel *model,
                const char *label)
{
  for (int i = 0; i < g_menu_model_get_n_items (model); i++)
    {
      g_autofree char *text = NULL;
      g_autoptr(GMenuLinkIter) links = NULL;

      if (g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_LABEL, "s", &text) &&
          g_strcmp0 (text, label) == 0)
        return TRUE;

      /* libspelling's list of corrections has items only, and no link support. */
      if (g_str_equal (G_OBJECT_TYPE_NAME (model), "SpellingCorrections"))
        continue;

      links = g_menu_model_iterate_item_links (model, i);
      while (g_menu_link_iter_next (links))
        {
          g_autoptr(GMenuModel) link = g_menu_link_iter_get_value (links);

          if (menu_has_label (link, label))
            return TRUE;
        }
    }

  return FALSE;
}

static gboolean
menu_offers_this (gpointer data)
{
  return menu_has_label (data, "This");
}

static void
test_spelling (void)
{
  g_autoptr(GSettings) settings = g_settings_new (BASE_ID);
  GMenuModel *menu = gtk_text_view_get_extra_menu (GTK_TEXT_VIEW (get_view ()));

  g_assert_nonnull (byline_source_view_get_spelling_adapter (BYLINE_SOURCE_VIEW (get_view ())));
  /* The suggestions are a section of the context menu. */
  g_assert_nonnull (menu);
  g_assert_cmpint (g_menu_model_get_n_items (menu), >, 0);

  g_settings_set_string (settings, "spellcheck-language", "en_US");
  g_settings_set_boolean (settings, "spellcheck", TRUE);
  set_text ("Thsi is a sentence.\n");
  byline_test_wait_until (misspelling_marked, NULL, "the misspelling to be marked");

  /* The suggestions for the word at the cursor wait until the cursor rests, then fill the
   * context menu. */
  g_assert_cmpuint (g_signal_handler_find (get_buffer (),
                                           G_SIGNAL_MATCH_ID | G_SIGNAL_MATCH_DATA | G_SIGNAL_MATCH_UNBLOCKED,
                                           g_signal_lookup ("cursor-moved", GTK_SOURCE_TYPE_BUFFER),
                                           0, NULL, NULL,
                                           byline_source_view_get_spelling_adapter (BYLINE_SOURCE_VIEW (get_view ()))),
                    ==, 0);
  select_offsets (2, 2);
  g_assert_false (menu_has_label (menu, "This"));
  byline_test_wait_until (menu_offers_this, menu, "the suggestion “This” in the context menu");

  g_settings_set_boolean (settings, "spellcheck", FALSE);
  byline_test_wait_until (misspelling_unmarked, NULL, "spell checking to turn off");
  g_settings_reset (settings, "spellcheck");
  g_settings_reset (settings, "spellcheck-language");
}

static int
offset_of (const char *text,
           const char *needle)
{
  const char *found = strstr (text, needle);

  g_assert_nonnull (found);

  return (int) g_utf8_pointer_to_offset (text, found) + 1;
}

static gboolean
is_misspelled_at_cb (gpointer data);

/* Front-matter keys, addresses and e-mail addresses are not words to check; the values of
 * the front matter and the text around the addresses are. */
static void
test_spelling_skips_keys_and_addresses (void)
{
  g_autoptr(GSettings) settings = g_settings_new (BASE_ID);
  const char *text =
    "---\n"
    "title: Thsi title\n"
    "descripton: A fine one\n"
    "coverImage: images/cover.png\n"
    "site: at://did:plc:abcdefgh/site.standard.publication/selfz\n"
    "tags: [gtk, writting]\n"
    "---\n"
    "\n"
    "Visit https://exampel.org/wrng/pagez, www.exampel.net/abuot or write to "
    "someone@exampel.com or <mailto:othr@exampel.com>. Wrnog.\n";

  g_settings_set_string (settings, "spellcheck-language", "en_US");
  g_settings_set_boolean (settings, "spellcheck", TRUE);
  set_text (text);
  select_offsets (0, 0);
  byline_test_wait_until (is_misspelled_at_cb, GINT_TO_POINTER (offset_of (text, "Wrnog")),
                          "the last misspelling to be marked");

  /* The values are checked. */
  g_assert_true (is_misspelled_at (offset_of (text, "Thsi")));
  g_assert_true (is_misspelled_at (offset_of (text, "writting")));
  /* The keys, the addresses and the e-mail addresses are not. */
  g_assert_false (is_misspelled_at (offset_of (text, "descripton")));
  g_assert_false (is_misspelled_at (offset_of (text, "coverImage")));
  g_assert_false (is_misspelled_at (offset_of (text, "abcdefgh")));
  g_assert_false (is_misspelled_at (offset_of (text, "selfz")));
  g_assert_false (is_misspelled_at (offset_of (text, "exampel.org")));
  g_assert_false (is_misspelled_at (offset_of (text, "wrng")));
  g_assert_false (is_misspelled_at (offset_of (text, "pagez")));
  g_assert_false (is_misspelled_at (offset_of (text, "abuot")));
  g_assert_false (is_misspelled_at (offset_of (text, "someone@")));
  g_assert_false (is_misspelled_at (offset_of (text, "exampel.com")));
  g_assert_false (is_misspelled_at (offset_of (text, "othr")));

  /* A rule further down opens no front matter: words before a colon there are prose. */
  text = "Intro.\n\n---\n\nNote: Wrnog\n\nMisspeled: Wrnog\n";
  set_text (text);
  select_offsets (0, 0);
  byline_test_wait_until (is_misspelled_at_cb, GINT_TO_POINTER (offset_of (text, "Misspeled")),
                          "the word before the colon to be marked");

  g_settings_reset (settings, "spellcheck");
  g_settings_reset (settings, "spellcheck-language");
}

typedef struct
{
  GdkFrameClock *clock;
  guint          frames;
  guint          draws;
} FrameCount;

static void
count_frame_cb (GdkFrameClock *clock,
                FrameCount    *count)
{
  count->frames++;
}

/* The layout and paint phases run only when a widget asked to be measured or drawn. */
static void
count_draw_cb (GdkFrameClock *clock,
               FrameCount    *count)
{
  count->draws++;
}

static gboolean
frame_passed (gpointer data)
{
  return ((FrameCount *)data)->frames > 0;
}

/* Lets everything queued so far run (the text view validates its layout and queues its
 * redraws in idles of a higher priority), then waits for one more frame, which does what
 * was queued. */
static void
wait_for_next_frame (FrameCount *count)
{
  byline_test_wait_for_idle ();
  count->frames = 0;
  gdk_frame_clock_request_phase (count->clock, GDK_FRAME_CLOCK_PHASE_UPDATE);
  byline_test_wait_until (frame_passed, count, "a frame");
}

static gboolean
frame_draws_nothing (gpointer data)
{
  FrameCount *count = data;

  count->draws = 0;
  wait_for_next_frame (count);

  return count->draws == 0;
}

static gboolean
drawn (gpointer data)
{
  return ((FrameCount *)data)->draws > 0;
}

/* Applying a tag where it already is, or removing it where it is not, changes nothing and draws
 * nothing (the highlighter removes each of its tags from the text it analyses again). */
static void
test_unchanged_tags_draw_nothing (void)
{
  g_autoptr(GSettings) settings = g_settings_new (BASE_ID);
  SpellingTextBufferAdapter *adapter =
    byline_source_view_get_spelling_adapter (BYLINE_SOURCE_VIEW (get_view ()));
  GdkFrameClock *clock = gtk_widget_get_frame_clock (get_view ());
  GtkTextBuffer *buffer = get_buffer ();
  GtkTextTag *tag;
  GtkTextIter misspelled_start, misspelled_end, correct_start, correct_end;
  FrameCount count = { clock, 0, 0 };
  gulong handlers[3];

  g_settings_set_string (settings, "spellcheck-language", "en_US");
  g_settings_set_boolean (settings, "spellcheck", TRUE);
  set_text ("Thsi is a sentence.\n");
  byline_test_wait_until (misspelling_marked, NULL, "the misspelling to be marked");
  tag = spelling_text_buffer_adapter_get_tag (adapter);
  gtk_text_buffer_get_iter_at_offset (buffer, &misspelled_start, 0);
  gtk_text_buffer_get_iter_at_offset (buffer, &misspelled_end, 4);
  gtk_text_buffer_get_iter_at_offset (buffer, &correct_start, 10);
  gtk_text_buffer_get_iter_at_offset (buffer, &correct_end, 18);
  /* The blinking cursor draws frames of its own. */
  gtk_text_view_set_cursor_visible (GTK_TEXT_VIEW (get_view ()), FALSE);

  handlers[0] = g_signal_connect (clock, "after-paint", G_CALLBACK (count_frame_cb), &count);
  handlers[1] = g_signal_connect (clock, "layout", G_CALLBACK (count_draw_cb), &count);
  handlers[2] = g_signal_connect (clock, "paint", G_CALLBACK (count_draw_cb), &count);
  byline_test_wait_until (frame_draws_nothing, &count, "the window to have drawn everything");

  gtk_text_buffer_remove_tag (buffer, tag, &correct_start, &correct_end);
  gtk_text_buffer_apply_tag (buffer, tag, &misspelled_start, &misspelled_end);
  g_assert_true (frame_draws_nothing (&count));
  g_assert_true (is_misspelled_at (1));
  g_assert_false (is_misspelled_at (10));

  /* A change that changes something is drawn. */
  count.draws = 0;
  gtk_text_buffer_apply_tag (buffer, tag, &correct_start, &correct_end);
  byline_test_wait_until (drawn, &count, "the new underline to be drawn");
  g_assert_true (is_misspelled_at (10));
  byline_test_wait_until (frame_draws_nothing, &count, "the window to have drawn everything");
  count.draws = 0;
  gtk_text_buffer_remove_tag (buffer, tag, &misspelled_start, &correct_end);
  byline_test_wait_until (drawn, &count, "the removed underlines to be drawn");
  g_assert_false (is_misspelled_at (1));
  g_assert_false (is_misspelled_at (10));

  for (guint i = 0; i < G_N_ELEMENTS (handlers); i++)
    g_signal_handler_disconnect (clock, handlers[i]);
  gtk_text_view_set_cursor_visible (GTK_TEXT_VIEW (get_view ()), TRUE);
  g_settings_reset (settings, "spellcheck");
  g_settings_reset (settings, "spellcheck-language");
}

static gboolean
is_misspelled_at_cb (gpointer data)
{
  return is_misspelled_at (GPOINTER_TO_INT (data));
}

static void
delete_offsets (int from,
                int to)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_iter_at_offset (get_buffer (), &start, from);
  gtk_text_buffer_get_iter_at_offset (get_buffer (), &end, to);
  gtk_text_buffer_delete (get_buffer (), &start, &end);
}

static gboolean
is_not_misspelled_at_cb (gpointer data)
{
  return !is_misspelled_at (GPOINTER_TO_INT (data));
}

typedef struct
{
  GtkTextTag *tag;
  guint       removals;
} TagRemovals;

static void
count_removal_cb (GtkTextBuffer *buffer,
                  GtkTextTag    *tag,
                  GtkTextIter   *start,
                  GtkTextIter   *end,
                  TagRemovals   *removals)
{
  if (tag == removals->tag && gtk_text_iter_get_offset (start) <= 1 &&
      gtk_text_iter_get_offset (end) > 1)
    removals->removals++;
}

/* Typing on a line re-highlights it; the underline of a misspelling elsewhere on the line stays
 * (before, it vanished until the check of the line returned). Text that becomes code loses its
 * underline, and gets it back when it is text again. */
static void
test_spelling_keeps_underlines_while_typing (void)
{
  g_autoptr(GSettings) settings = g_settings_new (BASE_ID);
  SpellingTextBufferAdapter *adapter =
    byline_source_view_get_spelling_adapter (BYLINE_SOURCE_VIEW (get_view ()));
  GtkTextBuffer *buffer = get_buffer ();
  TagRemovals removals = { NULL, 0 };
  const char *typed = "Thsi line has `code` in its `more code` wrnog here.\n";
  GtkTextIter iter;
  gulong handler;

  g_settings_set_string (settings, "spellcheck-language", "en_US");
  g_settings_set_boolean (settings, "spellcheck", TRUE);
  set_text ("Thsi line has `code` in it.\n");
  byline_test_wait_until (is_misspelled_at_cb, GINT_TO_POINTER (1), "the misspelling to be marked");
  ensure_highlight ();

  removals.tag = spelling_text_buffer_adapter_get_tag (adapter);
  handler = g_signal_connect (buffer, "remove-tag", G_CALLBACK (count_removal_cb), &removals);
  gtk_text_buffer_get_iter_at_offset (buffer, &iter, 26);
  gtk_text_buffer_place_cursor (buffer, &iter);
  g_signal_emit_by_name (get_view (), "insert-at-cursor", "s");
  g_signal_emit_by_name (get_view (), "insert-at-cursor", " `more code` wrnog here");
  /* The line is highlighted again, and checked again: the typed misspelling (away from the
   * cursor, where words are still being typed) is marked. */
  ensure_highlight ();
  byline_test_wait_until (is_misspelled_at_cb, GINT_TO_POINTER (offset_of (typed, "wrnog")),
                          "the typed misspelling to be marked");
  g_signal_handler_disconnect (buffer, handler);
  g_assert_cmpuint (removals.removals, ==, 0);
  g_assert_true (is_misspelled_at (1));

  /* "Thsi" becomes code, then text again. */
  gtk_text_buffer_get_iter_at_offset (buffer, &iter, 4);
  gtk_text_buffer_insert (buffer, &iter, "`", -1);
  gtk_text_buffer_get_start_iter (buffer, &iter);
  gtk_text_buffer_insert (buffer, &iter, "`", -1);
  byline_test_wait_until (is_not_misspelled_at_cb, GINT_TO_POINTER (2), "code to lose its underline");
  delete_offsets (5, 6);
  delete_offsets (0, 1);
  byline_test_wait_until (is_misspelled_at_cb, GINT_TO_POINTER (1), "text to get its underline back");

  g_settings_reset (settings, "spellcheck");
  g_settings_reset (settings, "spellcheck-language");
}

/* Opens @file in a window of its own and returns the language its checker uses. */
static BylineWindow *
open_in_window (GFile *file)
{
  BylineWindow *other = byline_window_new (GTK_APPLICATION (app));

  gtk_window_present (GTK_WINDOW (other));
  byline_test_open_file (other, file);

  return other;
}

static const char *
language_of (BylineWindow *other)
{
  BylineSourceView *view = BYLINE_SOURCE_VIEW (byline_page_get_view (byline_window_get_page (other)));

  return spelling_text_buffer_adapter_get_language (byline_source_view_get_spelling_adapter (view));
}

static void
test_spelling_language (void)
{
  g_autoptr(GSettings) settings = g_settings_new (BASE_ID);
  g_autofree char *dir = g_dir_make_tmp ("byline-spelling-XXXXXX", NULL);
  g_autofree char *french_path = g_build_filename (dir, "article-fr.md", NULL);
  g_autofree char *english_path = g_build_filename (dir, "article-en.md", NULL);
  g_autoptr(GFile) french = g_file_new_for_path (french_path);
  g_autoptr(GFile) english = g_file_new_for_path (english_path);
  BylineWindow *first, *second;
  GtkWidget *view;

  g_settings_set_string (settings, "spellcheck-language", "en_US");
  g_assert_true (g_file_set_contents (french_path, "# Bonjour\n\nUn texte.\n", -1, NULL));
  g_assert_true (g_file_set_contents (english_path, "# Hello\n\nSome text.\n", -1, NULL));

  /* The writer picks French for one article from the language menu. */
  first = open_in_window (french);
  g_assert_cmpstr (language_of (first), ==, "en_US");
  view = GTK_WIDGET (byline_page_get_view (byline_window_get_page (first)));
  g_assert_true (gtk_widget_activate_action (view, "spelling.language", "s", "fr_FR"));
  g_assert_cmpstr (language_of (first), ==, "fr_FR");

  /* Another article open at the same time keeps the preferred language. */
  second = open_in_window (english);
  g_assert_cmpstr (language_of (second), ==, "en_US");
  g_assert_cmpstr (language_of (first), ==, "fr_FR");
  byline_test_close_window (second);
  byline_test_close_window (first);

  /* Opened again, each article comes back in its own language. */
  first = open_in_window (french);
  g_assert_cmpstr (language_of (first), ==, "fr_FR");
  second = open_in_window (english);
  g_assert_cmpstr (language_of (second), ==, "en_US");
  byline_test_close_window (second);
  byline_test_close_window (first);

  g_settings_reset (settings, "spellcheck-language");
}

static GtkWidget *
find_entry (GtkWidget  *widget,
            GType       type,
            const char *placeholder)
{
  g_autofree char *text = NULL;

  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    {
      g_object_get (widget, "placeholder-text", &text, NULL);
      if (g_strcmp0 (text, placeholder) == 0)
        return widget;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_entry (child, type, placeholder);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static GtkWidget *
find_check_button (GtkWidget  *widget,
                   const char *label)
{
  if (GTK_IS_CHECK_BUTTON (widget)
      && g_strcmp0 (gtk_check_button_get_label (GTK_CHECK_BUTTON (widget)), label) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_check_button (child, label);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
set_option (GtkWidget  *bar,
            const char *label,
            gboolean    active)
{
  GtkWidget *button = find_check_button (bar, label);

  g_assert_nonnull (button);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (button), active);
}

static gboolean
selection_is (gpointer data)
{
  g_autofree char *selected = get_selected_text ();

  return g_strcmp0 (selected, data) == 0;
}

static void
test_find_replace (void)
{
  GtkWidget *bar = byline_test_find_widget (GTK_WIDGET (byline_window_get_page (window)),
                                    BYLINE_TYPE_SEARCH_BAR);
  GtkWidget *search_bar, *find, *replace;
  g_assert_nonnull (bar);
  g_assert_true (byline_search_bar_get_view (BYLINE_SEARCH_BAR (bar)) == GTK_SOURCE_VIEW (get_view ()));
  search_bar = byline_test_find_widget (bar, GTK_TYPE_SEARCH_BAR);
  find = find_entry (bar, GTK_TYPE_SEARCH_ENTRY, "Find");
  replace = find_entry (bar, GTK_TYPE_ENTRY, "Replace with");
  g_assert_nonnull (find);
  g_assert_nonnull (replace);

  set_text ("cat Cat category cat.");
  select_offsets (0, 0);

  /* Ctrl+H opens the bar with the replace row. */
  g_assert_true (gtk_widget_activate_action (bar, "search.find-replace", NULL));
  g_assert_true (gtk_search_bar_get_search_mode (GTK_SEARCH_BAR (search_bar)));

  gtk_editable_set_text (GTK_EDITABLE (find), "cat");
  gtk_editable_set_text (GTK_EDITABLE (replace), "dog");
  /* Searching as you type selects the first match. */
  byline_test_wait_until (selection_is, (gpointer) "cat", "the first match to be selected");

  /* Case-insensitive, not whole words: every "cat" goes, in one undoable step. */
  g_assert_true (gtk_widget_activate_action (bar, "search.replace-all", NULL));
  assert_text ("dog dog dogegory dog.");
  undo ();
  assert_text ("cat Cat category cat.");

  /* Whole words and case: only the two lower-case words. */
  set_text ("cat Cat category cat.");
  set_option (bar, "Match _Case", TRUE);
  set_option (bar, "Match _Whole Words", TRUE);
  g_assert_true (gtk_widget_activate_action (bar, "search.replace-all", NULL));
  assert_text ("dog Cat category dog.");

  /* Regular expressions, with back references in the replacement. */
  set_text ("2026-11-28");
  set_option (bar, "Match _Case", FALSE);
  set_option (bar, "Match _Whole Words", FALSE);
  set_option (bar, "_Regular Expression", TRUE);
  gtk_editable_set_text (GTK_EDITABLE (find), "(\\d+)-(\\d+)-(\\d+)");
  gtk_editable_set_text (GTK_EDITABLE (replace), "\\3/\\2/\\1");
  byline_test_wait_until (selection_is, (gpointer) "2026-11-28", "the date to be selected");
  g_assert_true (gtk_widget_activate_action (bar, "search.replace", NULL));
  assert_text ("28/11/2026");

  /* Closing the bar returns to the text. */
  g_assert_true (gtk_widget_activate_action (bar, "search.close", NULL));
  g_assert_false (gtk_search_bar_get_search_mode (GTK_SEARCH_BAR (search_bar)));
  g_assert_true (gtk_widget_has_focus (get_view ()));
}

static gboolean
widget_mapped (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

/* Escape closes the find bar, from wherever in the bar the focus is, and from the text while
 * the bar is open; the cursor goes back to the text. */
static void
test_escape_closes_find_bar (void)
{
  GtkWidget *bar = byline_test_find_widget (GTK_WIDGET (byline_window_get_page (window)),
                                            BYLINE_TYPE_SEARCH_BAR);
  GtkWidget *search_bar = byline_test_find_widget (bar, GTK_TYPE_SEARCH_BAR);
  GtkWidget *find = find_entry (bar, GTK_TYPE_SEARCH_ENTRY, "Find");
  GtkWidget *replace = find_entry (bar, GTK_TYPE_ENTRY, "Replace with");

  if (!byline_test_can_press_keys (get_view ()))
    {
      g_test_skip ("No XTest on this display");
      return;
    }

  set_text ("cat Cat category cat.");
  select_offsets (0, 0);
  gtk_widget_grab_focus (get_view ());

  /* From the find entry, after a search. */
  byline_test_press_keys (get_view (), GDK_KEY_f, GDK_CONTROL_MASK);
  g_assert_true (gtk_search_bar_get_search_mode (GTK_SEARCH_BAR (search_bar)));
  byline_test_wait_until (widget_mapped, find, "the find bar to open");
  byline_test_press_keys (get_view (), GDK_KEY_c, 0);
  byline_test_press_keys (get_view (), GDK_KEY_Return, 0);
  byline_test_press_keys (get_view (), GDK_KEY_Escape, 0);
  g_assert_false (gtk_search_bar_get_search_mode (GTK_SEARCH_BAR (search_bar)));
  g_assert_true (gtk_widget_has_focus (get_view ()));

  /* From the replace entry. */
  byline_test_press_keys (get_view (), GDK_KEY_h, GDK_CONTROL_MASK);
  g_assert_true (gtk_search_bar_get_search_mode (GTK_SEARCH_BAR (search_bar)));
  byline_test_wait_until (widget_mapped, replace, "the replace row to open");
  gtk_widget_grab_focus (replace);
  byline_test_press_keys (get_view (), GDK_KEY_d, 0);
  byline_test_press_keys (get_view (), GDK_KEY_Escape, 0);
  g_assert_false (gtk_search_bar_get_search_mode (GTK_SEARCH_BAR (search_bar)));
  g_assert_true (gtk_widget_has_focus (get_view ()));

  /* From the text, with the bar open. */
  byline_test_press_keys (get_view (), GDK_KEY_f, GDK_CONTROL_MASK);
  g_assert_true (gtk_search_bar_get_search_mode (GTK_SEARCH_BAR (search_bar)));
  byline_test_wait_until (widget_mapped, find, "the find bar to open");
  gtk_widget_grab_focus (get_view ());
  byline_test_press_keys (get_view (), GDK_KEY_Escape, 0);
  g_assert_false (gtk_search_bar_get_search_mode (GTK_SEARCH_BAR (search_bar)));
  g_assert_true (gtk_widget_has_focus (get_view ()));
  assert_text ("cat Cat category cat.");
}

static int
cursor_offset (void)
{
  GtkTextIter iter;

  gtk_text_buffer_get_iter_at_mark (get_buffer (), &iter, gtk_text_buffer_get_insert (get_buffer ()));

  return gtk_text_iter_get_offset (&iter);
}

static gboolean
status_has (gpointer data)
{
  const char *status = byline_source_view_get_status_text (BYLINE_SOURCE_VIEW (get_view ()));

  return status != NULL && strstr (status, data) != NULL;
}

static gboolean
status_lacks (gpointer data)
{
  return !status_has (data);
}

/* Vim mode, off by default: a motion and an edit in normal mode, insert mode shown in the
 * status line, and plain typing again once it is off. */
static void
test_vim_mode (void)
{
  g_autoptr(GSettings) settings = g_settings_new (BASE_ID);

  if (!byline_test_can_press_keys (get_view ()))
    {
      g_test_skip ("No XTest on this display");
      return;
    }

  g_assert_false (g_settings_get_boolean (settings, "vim-mode"));
  set_text ("one two three\n");
  select_offsets (0, 0);
  gtk_widget_grab_focus (get_view ());
  g_settings_set_boolean (settings, "vim-mode", TRUE);

  byline_test_press_keys (get_view (), GDK_KEY_w, 0);
  g_assert_cmpint (cursor_offset (), ==, 4);
  byline_test_press_keys (get_view (), GDK_KEY_x, 0);
  assert_text ("one wo three\n");

  byline_test_press_keys (get_view (), GDK_KEY_i, 0);
  byline_test_wait_until (status_has, (gpointer) "INSERT", "Vim's insert mode in the status line");
  byline_test_press_keys (get_view (), GDK_KEY_a, 0);
  assert_text ("one awo three\n");
  byline_test_press_keys (get_view (), GDK_KEY_Escape, 0);
  byline_test_wait_until (status_lacks, (gpointer) "INSERT", "Vim's normal mode");

  g_settings_set_boolean (settings, "vim-mode", FALSE);
  select_offsets (0, 0);
  byline_test_press_keys (get_view (), GDK_KEY_x, 0);
  assert_text ("xone awo three\n");
  g_settings_reset (settings, "vim-mode");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  app = byline_test_app_start ("io.github.byline.Byline.EditorTests");

  window = byline_window_new (GTK_APPLICATION (app));
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  gtk_window_present (GTK_WINDOW (window));
  gtk_widget_grab_focus (get_view ());

  g_test_add_func ("/Byline/Editor/inline-formatting", test_inline_formatting);
  g_test_add_func ("/Byline/Editor/toggle-ends-the-span", test_toggle_ends_the_span);
  g_test_add_func ("/Byline/Editor/line-formatting", test_line_formatting);
  g_test_add_func ("/Byline/Editor/lists", test_lists);
  g_test_add_func ("/Byline/Editor/status", test_status);
  g_test_add_func ("/Byline/Editor/highlighting", test_highlighting);
  g_test_add_func ("/Byline/Editor/highlighting-html", test_highlighting_html);
  g_test_add_func ("/Byline/Editor/highlighting-review-marks", test_highlighting_review_marks);
  g_test_add_func ("/Byline/Editor/highlighting-self-contained", test_highlighting_self_contained);
  g_test_add_func ("/Byline/Editor/vim-mode", test_vim_mode);
  g_test_add_func ("/Byline/Editor/settings", test_settings);
  g_test_add_func ("/Byline/Editor/spelling", test_spelling);
  g_test_add_func ("/Byline/Editor/spelling-waits-for-window", test_spelling_waits_for_window);
  g_test_add_func ("/Byline/Editor/spelling-skips-keys-and-addresses",
                   test_spelling_skips_keys_and_addresses);
  g_test_add_func ("/Byline/Editor/unchanged-tags-draw-nothing", test_unchanged_tags_draw_nothing);
  g_test_add_func ("/Byline/Editor/spelling-keeps-underlines-while-typing",
                   test_spelling_keeps_underlines_while_typing);
  g_test_add_func ("/Byline/Editor/find-replace", test_find_replace);
  g_test_add_func ("/Byline/Editor/escape-closes-find-bar", test_escape_closes_find_bar);
  /* Last: it opens windows of its own, which take the focus. */
  g_test_add_func ("/Byline/Editor/spelling-language", test_spelling_language);

  return byline_test_app_run ();
}
