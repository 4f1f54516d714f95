/* test-renderer.c
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
 * The incremental render (re-parsing only the blocks around an edit) must give exactly what a
 * full render of the same text gives: the same blocks, HTML and line numbers. Random edits that
 * are likely to change block structure (fences, list markers, blank lines, reference
 * definitions, footnotes, table pipes) are applied one after another, each render starting from
 * the previous incremental result, so a wrong splice would carry on and show.
 */

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "byline-plain-text.h"
#include "byline-renderer.h"
#include "byline-test-articles.h"

/* A document with every construct that makes choosing the region subtle. */
static const char *sample =
  "---\n"
  "title: Incremental\n"
  "tags: [one, two]\n"
  "---\n"
  "\n"
  "# A heading\n"
  "\n"
  "A paragraph with a [reference link][ref] and a footnote.[^note]\n"
  "It goes on for a second line with *emphasis* and `code`.\n"
  "\n"
  "[ref]: https://example.com/ref \"Title\"\n"
  "\n"
  "- a list item\n"
  "- another item\n"
  "\n"
  "  continued after a blank line\n"
  "\n"
  "    indented code\n"
  "\n"
  "    more indented code\n"
  "\n"
  "```c\n"
  "int main (void) { return 0; }\n"
  "\n"
  "[not]: a definition inside code\n"
  "```\n"
  "\n"
  "> A quote\n"
  "lazily continued\n"
  "\n"
  "| a | b |\n"
  "|---|---|\n"
  "| 1 | 2 |\n"
  "\n"
  "Setext heading\n"
  "==============\n"
  "\n"
  "<div>\n"
  "raw *html*\n"
  "</div>\n"
  "\n"
  "1. first\n"
  "2. second\n"
  "\n"
  "***\n"
  "\n"
  "Last paragraph with ~~strike~~ and https://example.org autolink.\n"
  "\n"
  "[^note]: The footnote's text.\n";

static const char *insertions[] = {
  "x", "x", "x", "word ", " ", "\n", "\n\n", "`", "```\n", "~~~", "# ", "-", "- ", "* ", "1. ",
  "> ", "[", "]", "]:", "[^", "|", "    ", "<div>", "-->", "<!--", "=", "===\n", "\t", "*", "_",
  "[a]", "(", ")", "!", "\\",
};

static void
assert_same (BylineRenderResult *incremental,
             BylineRenderResult *full,
             const char         *text)
{
  g_autofree char *a = byline_render_result_to_json (incremental);
  g_autofree char *b = byline_render_result_to_json (full);

  if (g_strcmp0 (a, b) != 0)
    {
      guint n = MIN (byline_render_result_get_n_blocks (incremental),
                     byline_render_result_get_n_blocks (full));

      /* Show the first block that differs. */
      for (guint i = 0; i < n; i++)
        {
          guint s1, e1, s2, e2;
          const char *h1 = byline_render_result_get_block_html (incremental, i, &s1, &e1);
          const char *h2 = byline_render_result_get_block_html (full, i, &s2, &e2);

          if (s1 != s2 || e1 != e2 || g_strcmp0 (h1, h2) != 0)
            {
              g_test_message ("Block %u: incremental %u-%u %s", i, s1, e1, h1);
              g_test_message ("Block %u: full %u-%u %s", i, s2, e2, h2);
              break;
            }
        }
      g_test_message ("%u blocks incremental, %u full",
                      byline_render_result_get_n_blocks (incremental),
                      byline_render_result_get_n_blocks (full));
      if (strlen (text) < 4096)
        g_test_message ("Text:\n%s", text);
    }
  g_assert_true (g_strcmp0 (a, b) == 0);

  /* The outline's headings too: kept blocks keep theirs, moved by the lines they moved. */
  g_assert_cmpuint (byline_render_result_get_n_headings (incremental), ==,
                    byline_render_result_get_n_headings (full));
  for (guint i = 0; i < byline_render_result_get_n_headings (full); i++)
    {
      guint l1, n1, l2, n2;
      const char *t1 = byline_render_result_get_heading (incremental, i, &l1, &n1);
      const char *t2 = byline_render_result_get_heading (full, i, &l2, &n2);

      g_assert_cmpstr (t1, ==, t2);
      g_assert_cmpuint (l1, ==, l2);
      g_assert_cmpuint (n1, ==, n2);
    }
  g_assert_true ((byline_render_result_get_metadata (incremental) == NULL) ==
                 (byline_render_result_get_metadata (full) == NULL));
  g_assert_true ((byline_render_result_get_error (incremental) == NULL) ==
                 (byline_render_result_get_error (full) == NULL));
}

/* A provisional result (the edit changed reference definitions) has the blocks a full render
 * has, and the render that follows it is a full one: that is what the preview ends with. */
static BylineRenderResult *
settle (BylineRenderer     *renderer,
        BylineRenderResult *incremental,
        BylineRenderResult *full,
        GBytes             *text)
{
  BylineRenderResult *final;

  if (!byline_render_result_is_provisional (incremental))
    return incremental;

  g_assert_true (byline_render_result_is_partial (incremental));
  g_assert_cmpuint (byline_render_result_get_n_blocks (incremental), ==,
                    byline_render_result_get_n_blocks (full));
  final = byline_renderer_render_bytes (renderer, incremental, text);
  g_assert_false (byline_render_result_is_partial (final));
  g_assert_false (byline_render_result_is_provisional (final));
  byline_render_result_unref (incremental);

  return final;
}

/* Applies @n_edits random edits to @initial: insertions taken from @set, and (unless
 * @typing_only) as many deletions. Returns how many renders were incremental. */
static guint
run_edits_from (const char        *initial,
                guint              n_edits,
                guint32            seed,
                const char *const *set,
                guint              n_set,
                gboolean           typing_only)
{
  g_autoptr(BylineRenderer) renderer = byline_renderer_new ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr(GString) text = g_string_new (initial);
  g_autoptr(BylineRenderResult) previous = NULL;
  g_autoptr(GBytes) bytes = NULL;
  guint partial = 0;

  bytes = g_bytes_new (text->str, text->len);
  previous = byline_renderer_render_bytes (renderer, NULL, bytes);

  for (guint i = 0; i < n_edits; i++)
    {
      g_autoptr(BylineRenderResult) incremental = NULL;
      g_autoptr(BylineRenderResult) full = NULL;
      g_autoptr(GBytes) edited = NULL;
      gsize at = g_rand_int_range (rand, 0, text->len + 1);

      /* Stay on a character boundary. */
      while (at < text->len && (text->str[at] & 0xC0) == 0x80)
        at++;

      if (typing_only || g_rand_boolean (rand))
        {
          const char *insert = set[g_rand_int_range (rand, 0, n_set)];

          g_string_insert (text, at, insert);
        }
      else if (at < text->len)
        {
          gsize len = 1;

          while (at + len < text->len && (text->str[at + len] & 0xC0) == 0x80)
            len++;
          if (g_rand_int_range (rand, 0, 8) == 0)
            {
              gsize wanted = g_rand_int_range (rand, 1, 40);

              len = MIN (text->len - at, wanted);
            }
          while (at + len < text->len && (text->str[at + len] & 0xC0) == 0x80)
            len++;
          g_string_erase (text, at, len);
        }

      edited = g_bytes_new (text->str, text->len);
      incremental = byline_renderer_render_bytes (renderer, previous, edited);
      full = byline_renderer_render_bytes (renderer, NULL, edited);
      incremental = settle (renderer, incremental, full, edited);
      assert_same (incremental, full, text->str);

      if (byline_render_result_is_partial (incremental))
        partial++;

      g_clear_pointer (&previous, byline_render_result_unref);
      previous = g_steal_pointer (&incremental);
    }

  return partial;
}

static guint
run_edits (const char *initial,
           guint       n_edits,
           guint32     seed,
           gboolean    typing_only)
{
  static const char *const typing[] = { "x" };

  if (typing_only)
    return run_edits_from (initial, n_edits, seed, typing, G_N_ELEMENTS (typing), TRUE);

  return run_edits_from (initial, n_edits, seed, insertions, G_N_ELEMENTS (insertions), FALSE);
}

static void
test_incremental_sample (void)
{
  guint partial = 0;

  for (guint32 seed = 1; seed <= 40; seed++)
    partial += run_edits (sample, 100, seed, FALSE);

  /* The comparison above means something only if the incremental path ran. */
  g_test_message ("%u of 4000 renders were incremental", partial);
  g_assert_cmpuint (partial, >, 400);
}

static char *make_long_document (guint n_sections);

typedef struct
{
  GBytes *text;
  char   *expected;
} ConcurrentRender;

/* The record's plain text is parsed with the same extensions, at export. */
static gpointer
extract_repeatedly (gpointer data)
{
  const char *text = data;
  g_autofree char *expected = byline_plain_text_from_markdown (text, strlen (text));

  for (guint i = 0; i < 30; i++)
    {
      g_autofree char *plain = byline_plain_text_from_markdown (text, strlen (text));

      if (g_strcmp0 (plain, expected) != 0)
        return GINT_TO_POINTER (FALSE);
    }

  return GINT_TO_POINTER (TRUE);
}

static gpointer
render_repeatedly (gpointer data)
{
  ConcurrentRender *job = data;
  g_autoptr(BylineRenderer) renderer = byline_renderer_new ();

  for (guint i = 0; i < 30; i++)
    {
      g_autoptr(BylineRenderResult) result = byline_renderer_render_bytes (renderer, NULL, job->text);
      g_autofree char *json = byline_render_result_to_json (result);

      if (g_strcmp0 (json, job->expected) != 0)
        return GINT_TO_POINTER (FALSE);
    }

  return GINT_TO_POINTER (TRUE);
}

/* Documents in other tabs render at the same time, each in its own worker: the parse trees'
 * memory is shared by the process, and each render still reads as it does alone. */
static void
test_concurrent_renders (void)
{
  /* Long enough to be parsed in the arena. */
  g_autofree char *long_text = make_long_document (600);
  ConcurrentRender jobs[2] = {
    { g_bytes_new_static (long_text, strlen (long_text)), NULL },
    { g_bytes_new_static (long_text + strlen (long_text) / 2, strlen (long_text) / 2), NULL },
  };
  GThread *threads[4];
  GThread *extractor;

  for (guint i = 0; i < G_N_ELEMENTS (jobs); i++)
    {
      g_autoptr(BylineRenderer) renderer = byline_renderer_new ();
      g_autoptr(BylineRenderResult) result = byline_renderer_render_bytes (renderer, NULL, jobs[i].text);

      jobs[i].expected = byline_render_result_to_json (result);
    }

  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("render", render_repeatedly, &jobs[i % G_N_ELEMENTS (jobs)]);
  extractor = g_thread_new ("extract", extract_repeatedly, long_text);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    g_assert_true (GPOINTER_TO_INT (g_thread_join (threads[i])));
  g_assert_true (GPOINTER_TO_INT (g_thread_join (extractor)));

  for (guint i = 0; i < G_N_ELEMENTS (jobs); i++)
    {
      g_bytes_unref (jobs[i].text);
      g_free (jobs[i].expected);
    }
}

/* cmark-gfm ends a line at "\r" as well as at "\n" and "\r\n": a text with old Mac line endings,
 * or a mix, or a "\r" typed or left alone by an edit, renders as a full render does. */
static void
test_incremental_carriage_returns (void)
{
  /* The front matter keeps "\n": a "\r" there is an error, after which renders are whole. */
  const char *body = strstr (sample, "\n---\n") + strlen ("\n---\n");
  g_autoptr(GString) mac = g_string_new (body);
  g_autoptr(GString) windows = g_string_new (body);
  g_autoptr(GString) mixed = g_string_new_len (sample, body - sample);
  guint n = 0, partial_crlf = 0;

  g_string_replace (mac, "\n", "\r", 0);
  g_string_prepend_len (mac, sample, body - sample);
  g_string_replace (windows, "\n", "\r\n", 0);
  g_string_prepend_len (windows, sample, body - sample);
  for (const char *p = body; *p; p++)
    {
      if (*p == '\n')
        g_string_append (mixed, ++n % 3 == 0 ? "\r" : n % 3 == 1 ? "\r\n" : "\n");
      else
        g_string_append_c (mixed, *p);
    }

  for (guint32 seed = 1; seed <= 10; seed++)
    {
      run_edits (mac->str, 40, seed, FALSE);
      run_edits (mixed->str, 40, seed, FALSE);
      partial_crlf += run_edits (windows->str, 40, seed, FALSE);
    }

  /* Windows line endings are no reason to render the whole text. */
  g_test_message ("%u of 400 renders of a text with \\r\\n were incremental", partial_crlf);
  g_assert_cmpuint (partial_crlf, >, 20);

  /* A "\r" left alone by deleting the "\n" after it, and one typed before a "\n". */
  {
    g_autoptr(BylineRenderer) renderer = byline_renderer_new ();
    const char *texts[] = {
      "---\ntitle: x\n---\n\nOne\r\ntwo\n\nThree\n",
      "---\ntitle: x\n---\n\nOne\rtwo\n\nThree\n",
      "---\ntitle: x\n---\n\nOne\rtwo\n\nThr\ree\n",
      "---\ntitle: x\n---\n\nOne\rtwo\n\nThr\r\nee\n",
    };
    g_autoptr(BylineRenderResult) previous = NULL;

    for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
      {
        g_autoptr(GBytes) bytes = g_bytes_new_static (texts[i], strlen (texts[i]));
        g_autoptr(BylineRenderResult) full = byline_renderer_render_bytes (renderer, NULL, bytes);
        BylineRenderResult *result = byline_renderer_render_bytes (renderer, previous, bytes);

        assert_same (result, full, texts[i]);
        g_clear_pointer (&previous, byline_render_result_unref);
        previous = result;
      }
  }
}

/* A long document without reference definitions, made of many kinds of block. */
static char *
make_long_document (guint n_sections)
{
  GString *out = g_string_new ("---\ntitle: Long\n---\n\n");

  for (guint i = 0; i < n_sections; i++)
    {
      g_string_append_printf (out, "## Section %u\n\n", i);
      g_string_append_printf (out, "Paragraph %u with *some* text, a [link](https://example.com/%u) "
                                   "and `code`.\nA second line.\n\n", i, i);
      if (i % 3 == 0)
        g_string_append (out, "- item one\n- item two\n  - nested\n\n");
      if (i % 4 == 1)
        g_string_append (out, "```\nfenced code\n\nwith a blank line\n```\n\n");
      if (i % 5 == 2)
        g_string_append (out, "    indented code\n\n");
      if (i % 6 == 3)
        g_string_append (out, "> quoted\n> text\n\n");
      if (i % 7 == 4)
        g_string_append (out, "| h | i |\n|---|---|\n| 1 | 2 |\n\n");
    }

  return g_string_free (out, FALSE);
}

/* GFM tables take their header row from the last line of the paragraph above, and end at a
 * blank line or a line that starts another block: edits to pipes, delimiter rows and the
 * lines around tables, incremental renders against full ones. */
static void
test_incremental_tables (void)
{
  static const char *const table_edits[] = {
    "|", "|", "-", "---", ":", "\n", "\n\n", " ", "x", "| a |", "|---|\n", "\\|", "`", "> ",
    "- ",
  };
  static const char document[] =
    "---\ntitle: Tables\n---\n\n"
    "Intro paragraph\n| a | b |\n|---|---|\n| 1 | 2 |\n\n"
    "Another paragraph with text\nand a second line\n| x | y | z |\n| :-- | :-: | --: |\n"
    "| 1 | 2 | 3 |\n| 4 | 5 | 6 |\nAfter the table\n\n"
    "| solo | head |\n|------|------|\n| c    | d    |\n\n"
    "- list item\n| in | list |\n|---|---|\n\n"
    "> quote\n| q | r |\n|---|---|\n\n"
    "Paragraph\n\n|---|---|\n\nhead | row\n--- | ---\ncell | cell\n\nFinal paragraph.\n";
  guint partial = 0;

  for (guint32 seed = 1; seed <= 60; seed++)
    partial += run_edits_from (document, 60, seed, table_edits, G_N_ELEMENTS (table_edits),
                               FALSE);
  g_assert_cmpuint (partial, >, 0);
}

static void
test_incremental_long (void)
{
  g_autofree char *text = make_long_document (60);
  guint partial = 0;

  for (guint32 seed = 1; seed <= 10; seed++)
    partial += run_edits (text, 100, seed, FALSE);

  g_test_message ("%u of 1000 renders were incremental", partial);
  g_assert_cmpuint (partial, >, 500);
}

static void
test_incremental_typing (void)
{
  g_autofree char *text = make_long_document (60);
  guint partial = run_edits (text, 300, 7, TRUE);

  /* Typing a letter in a document without definitions almost never needs a full parse. */
  g_assert_cmpuint (partial, >, 250);
}

static void
test_incremental_large (void)
{
  g_autofree char *contents = byline_test_long_article (100 * 1024, FALSE);
  guint partial = 0;

  for (guint32 seed = 1; seed <= 3; seed++)
    partial += run_edits (contents, 100, seed, FALSE);
  partial += run_edits (contents, 100, 4, TRUE);

  g_test_message ("%u of 400 renders were incremental", partial);
  g_assert_cmpuint (partial, >, 100);

  /* A long document with hundreds of reference definitions, used from everywhere. */
  g_clear_pointer (&contents, g_free);
  contents = byline_test_long_article (1024 * 1024, TRUE);
  partial = run_edits (contents, 40, 5, TRUE) + run_edits (contents, 40, 6, FALSE);
  g_test_message ("%u of 80 renders were incremental", partial);
  g_assert_cmpuint (partial, >, 20);
}

/* Edits that change how the text around the edited block parses. `|` marks where @insert goes
 * (or, with an empty @insert, the character after it is deleted). */
static const struct {
  const char *text;
  const char *insert;
} edge_cases[] = {
  /* A paragraph after a list becomes the list's continuation. */
  { "---\nt: x\n---\n\n# H\n\n- item\n- item\n\n@para\n\n# After\n\ntail\n", "  " },
  /* A paragraph after indented code joins it. */
  { "---\nt: x\n---\n\n# H\n\n    code\n\n@para\n\n# After\n\ntail\n", "    " },
  /* A line after a paragraph becomes a setext underline. */
  { "---\nt: x\n---\n\n# H\n\npara\n@# heading\n\nnext\n\n# After\n", "=" },
  /* A heading after a paragraph becomes its lazy continuation. */
  { "---\nt: x\n---\n\n# H\n\npara\n@# heading\n\nnext\n\n# After\n", "x" },
  /* An opening fence swallows the rest of the document. */
  { "---\nt: x\n---\n\n# H\n\n@para\n\n# After\n\ntail\n", "```\n" },
  /* Deleting a blank line joins two paragraphs. */
  { "---\nt: x\n---\n\n# H\n\none\n@\ntwo\n\n# After\n", "" },
  /* A blockquote's lazy continuation. */
  { "---\nt: x\n---\n\n# H\n\n> quote\n@# next\n\n# After\n", "x" },
  /* A table gains a row. */
  { "---\nt: x\n---\n\n# H\n\n| a | b |\n|---|---|\n| 1 | 2 |\n@# next\n\n# After\n", "| " },
  /* An HTML comment opens and runs on. */
  { "---\nt: x\n---\n\n# H\n\n@para\n\n# After\n\ntail -->\n\nend\n", "<!-- " },
  /* A footnote definition appears. */
  { "---\nt: x\n---\n\nText.[^1]\n\n@para\n\n# After\n", "[^1]: note " },
  /* A reference definition appears for a link elsewhere. */
  { "---\nt: x\n---\n\nSee [it].\n\n@para\n\n# After\n", "[it]: /url\n" },
  /* A link to a definition inside a quote, or at the start of a list item's paragraph. */
  { "---\nt: x\n---\n\n> [it]: /quoted\n\n# H\n\n@para\n\n# After\n", "[it] " },
  { "---\nt: x\n---\n\n- [it]: /listed\n  text\n\n# H\n\n@para\n\n# After\n", "[it] " },
  /* A link to a top-level definition after the edit, with a title on the next line. */
  { "---\nt: x\n---\n\n# H\n\n@para\n\n# After\n\n[it]:\n  /late\n  \"Title\"\n", "[it] " },
  /* The list item's blank line goes, making the list tight. */
  { "---\nt: x\n---\n\n# H\n\n- a\n@\n- b\n\n# After\n", "" },
  /* Text typed in a paragraph that definitions follow. */
  { "---\nt: x\n---\n\nSee [it] and [that].\n\n@para\n\n[it]: /one\n[that]: /two\n\n# After\n", "more " },
  /* A definition's destination changes. */
  { "---\nt: x\n---\n\nSee [it].\n\npara\n\n[it]: /o@ne\n\n# After\n", "x" },
  /* Text on the blank line before a definition makes it a paragraph's continuation. */
  { "---\nt: x\n---\n\nSee [it].\n\npara\n@\n[it]: /url\n\n# After\n", "text" },
  /* An unclosed front matter is closed further down. */
  { "---\ntitle: x\n-@-\n\nbody\n\nmore\n", "-" },
  /* Text typed in the paragraph whose last line a table takes for its header. */
  { "---\nt: x\n---\n\nIntro para@graph\n| a | b |\n|---|---|\n| 1 | 2 |\n\n# After\n", "x" },
  /* A heading underlined below a definition: links after it use that one, not a later one. */
  { "---\nt: x\n---\n\n[it]: /first\nTitle\n---\n\nSee [it]@.\n\n[it]: /second\n", "x" },
  /* A byte order mark that starts a paragraph in the middle of the text is text. */
  { "---\nt: x\n---\n\n# H\n\n\xEF\xBB\xBFpara@graph\n\n# After\n", "x" },
  /* A typo in a group of definitions: the rest become a paragraph that starts with one. */
  { "---\nt: x\n---\n\nSee [a], [b] and [c].\n\npara [a]\n\n[a]: /a\n[b]@: /b\n[c]: /c\n\n# After\n", "x" },
  /* And text typed in a paragraph before that group. */
  { "---\nt: x\n---\n\nSee [a], [b] and [c].\n\n@para [a]\n\n[a]: /a\n[b]x: /b\n[c]: /c\n\n# After [a]\n", "more " },
  /* A definition's label loses its colon. */
  { "---\nt: x\n---\n\nSee [it].\n\npara\n\n[it]@: /url\n\n# After\n", "" },
};

/* A NUL character does not hide what follows it from the incremental render: here the footnote
 * definitions that an edit removes. */
static void
test_incremental_past_nul (void)
{
  g_autoptr(BylineRenderer) renderer = byline_renderer_new ();
  g_autoptr(GString) text = g_string_new ("---\ntitle: x\n---\n\nText.[^1]\n\nA ");
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(BylineRenderResult) first = NULL;
  g_autoptr(BylineRenderResult) second = NULL;
  g_autoptr(BylineRenderResult) full = NULL;
  gsize cut;

  g_string_append_len (text, "\0", 1);
  g_string_append (text, " character.\n\n");
  cut = text->len;
  g_string_append (text, "[^1]: The note.\n");
  before = g_bytes_new (text->str, text->len);
  after = g_bytes_new (text->str, cut);
  first = byline_renderer_render_bytes (renderer, NULL, before);
  second = byline_renderer_render_bytes (renderer, first, after);
  full = byline_renderer_render_bytes (renderer, NULL, after);
  assert_same (second, full, "(text with a NUL)");
}

/* Renders @text, then @text with "now " typed after @anchor, incrementally; checks that the
 * second render re-parsed only around the edit and reads as a full render does. */
static BylineRenderResult *
type_now_after (GString    *text,
                const char *anchor)
{
  g_autoptr(BylineRenderer) renderer = byline_renderer_new ();
  g_autoptr(GBytes) before = g_bytes_new (text->str, text->len);
  g_autoptr(GBytes) after = NULL;
  g_autoptr(BylineRenderResult) first = byline_renderer_render_bytes (renderer, NULL, before);
  g_autoptr(BylineRenderResult) full = NULL;
  BylineRenderResult *second;
  char *at = strstr (text->str, anchor);

  g_assert_nonnull (at);
  g_string_insert (text, at - text->str + strlen (anchor), "now ");
  after = g_bytes_new (text->str, text->len);
  second = byline_renderer_render_bytes (renderer, first, after);
  full = byline_renderer_render_bytes (renderer, NULL, after);

  g_assert_true (byline_render_result_is_partial (second));
  assert_same (second, full, text->str);

  return second;
}

/* A definition whose label holds a NUL (which cmark-gfm reads as U+FFFD) still links the
 * paragraphs re-parsed after an edit. */
static void
test_incremental_definition_with_nul (void)
{
  g_autoptr(GString) text = g_string_new ("---\ntitle: x\n---\n\nSee [a");
  g_autoptr(BylineRenderResult) second = NULL;
  g_autofree char *json = NULL;

  g_string_append_len (text, "\0", 1);
  g_string_append (text, "b] here.\n\nOther paragraph.\n\n[a");
  g_string_append_len (text, "\0", 1);
  g_string_append (text, "b]: https://example.com/nul\n");

  second = type_now_after (text, "See ");
  json = byline_render_result_to_json (second);
  g_assert_nonnull (strstr (json, "https://example.com/nul"));
}

/* An edit in a paragraph next to reference definitions re-parses only around it: the
 * definitions read the same, so no other link can change. */
static void
test_incremental_beside_definitions (void)
{
  g_autoptr(GString) text = g_string_new ("---\ntitle: Links\n---\n\n");
  g_autoptr(BylineRenderResult) second = NULL;

  for (guint i = 0; i < 50; i++)
    g_string_append_printf (text, "Section %u cites [ref %u] and [ref 0].\n\n[ref %u]: /r%u\n\n",
                            i, i, i, i);
  second = type_now_after (text, "Section 20 ");
}

/* A group of definitions whose second line is no definition (a typo) is a paragraph that starts
 * with a definition. Edits elsewhere, with links to it, still re-parse only around them. */
static void
test_incremental_after_definition_paragraph (void)
{
  g_autoptr(GString) text = g_string_new ("---\ntitle: Links\n---\n\n");
  g_autoptr(BylineRenderResult) second = NULL;

  for (guint i = 0; i < 30; i++)
    g_string_append_printf (text, "Section %u cites [let] and [send].\n\n", i);
  g_string_append (text, "[let]: /let\n[send]x: /send\n[sync]: /sync\n\nAfter [sync].\n");
  second = type_now_after (text, "Section 12 ");

  /* [let] is defined, [sync] is not (it is text of the paragraph). */
  g_assert_nonnull (strstr (byline_render_result_get_block_html (second, 13, NULL, NULL),
                            "<a href=\"/let\">let</a>"));
}

static void
test_edge_cases (void)
{
  g_autoptr(BylineRenderer) renderer = byline_renderer_new ();

  for (guint i = 0; i < G_N_ELEMENTS (edge_cases); i++)
    {
      g_autoptr(GString) before = g_string_new (edge_cases[i].text);
      g_autoptr(GString) after = NULL;
      g_autoptr(GBytes) before_bytes = NULL;
      g_autoptr(GBytes) after_bytes = NULL;
      g_autoptr(BylineRenderResult) previous = NULL;
      g_autoptr(BylineRenderResult) incremental = NULL;
      g_autoptr(BylineRenderResult) full = NULL;
      gsize at = strchr (before->str, '@') - before->str;

      g_string_erase (before, at, 1);
      after = g_string_new (before->str);
      if (*edge_cases[i].insert != '\0')
        g_string_insert (after, at, edge_cases[i].insert);
      else
        g_string_erase (after, at, 1);

      before_bytes = g_bytes_new (before->str, before->len);
      after_bytes = g_bytes_new (after->str, after->len);
      previous = byline_renderer_render_bytes (renderer, NULL, before_bytes);
      incremental = byline_renderer_render_bytes (renderer, previous, after_bytes);
      full = byline_renderer_render_bytes (renderer, NULL, after_bytes);
      incremental = settle (renderer, incremental, full, after_bytes);
      assert_same (incremental, full, after->str);
    }
}

/* The paragraph that a table's header row is taken from, and the table, each on their own
 * lines (cmark-gfm places the paragraph nowhere and the table on the paragraph's first line);
 * blocks end on their last line that is not blank, and before the next block (cmark-gfm ends
 * a setext heading on the line after its underline). */
static void
test_block_lines (void)
{
  static const char text[] =
    "---\nt: x\n---\n\nIntro\nparagraph\n| a | b |\n|---|---|\n| 1 | 2 |\n\n---\n\n\n"
    "Title\n===\n\ntext\n\nSub\n---\nright after\n";
  g_autoptr(BylineRenderer) renderer = byline_renderer_new ();
  g_autoptr(BylineRenderResult) result = byline_renderer_render (renderer, text, strlen (text));
  g_autofree char *json = NULL;

  json = byline_render_result_to_json (result);
  g_assert_nonnull (strstr (json, "[\"<p>Intro\\nparagraph</p>\\n\",5,6]"));
  g_assert_nonnull (strstr (json, "</table>\\n\",7,9]"));
  g_assert_nonnull (strstr (json, "[\"<hr />\\n\",11,11]"));
  g_assert_nonnull (strstr (json, "[\"<h1>Title</h1>\\n\",14,15]"));
  g_assert_nonnull (strstr (json, "[\"<h2>Sub</h2>\\n\",19,20]"));
  g_assert_nonnull (strstr (json, "[\"<p>right after</p>\\n\",21,21]"));
}

/* Review marks come out as tracked changes, on the blocks' own lines; in code they are text,
 * and in an attribute they are written as they were. */
static void
test_review_marks (void)
{
  static const char text[] =
    "---\ntitle: \"{++kept++}\"\n---\n\n"
    "# Head {++new++}\n\n"
    "A {++big ++}{--small --}dog {~~ran~>walked~~}{>>Ann: better?<<} {==here==}{>>note<<}\n"
    "and {++across\nlines++}.\n\n"
    "`{++code++}` ![alt {++x++}](a.png)\n\n"
    "```\n{--fenced--}\n```\n\n"
    "{++never closed\n";
  g_autoptr(BylineRenderer) renderer = byline_renderer_new ();
  g_autoptr(BylineRenderResult) result = byline_renderer_render (renderer, text, strlen (text));
  guint start, end, line, level;
  const char *html;

  g_assert_cmpuint (byline_render_result_get_n_blocks (result), ==, 6);

  html = byline_render_result_get_block_html (result, 1, &start, &end);
  g_assert_cmpstr (html, ==, "<h1>Head <ins class=\"critic critic-addition\">new</ins></h1>\n");
  g_assert_cmpuint (start, ==, 5);
  g_assert_cmpstr (byline_render_result_get_heading (result, 0, &line, &level), ==, "Head {++new++}");

  html = byline_render_result_get_block_html (result, 2, &start, &end);
  g_assert_cmpuint (start, ==, 7);
  g_assert_cmpuint (end, ==, 9);
  g_assert_cmpstr (html, ==,
                   "<p>A <ins class=\"critic critic-addition\">big </ins>"
                   "<del class=\"critic critic-deletion\">small </del>dog "
                   "<span class=\"critic critic-substitution\"><del class=\"critic-old\">ran</del>"
                   "<ins class=\"critic-new\">walked</ins></span>"
                   "<span class=\"critic critic-comment\" role=\"note\"><span class=\"critic-author\">Ann</span> better?</span> "
                   "<mark class=\"critic critic-highlight\">here</mark>"
                   "<span class=\"critic critic-comment\" role=\"note\">note</span>\n"
                   "and <ins class=\"critic critic-addition\">across\nlines</ins>.</p>\n");

  html = byline_render_result_get_block_html (result, 3, &start, &end);
  g_assert_cmpuint (start, ==, 11);
  g_assert_cmpstr (html, ==,
                   "<p><code>{++code++}</code> <img src=\"a.png\" alt=\"alt {++x++}\" /></p>\n");

  html = byline_render_result_get_block_html (result, 4, &start, &end);
  g_assert_cmpstr (html, ==, "<pre><code>{--fenced--}\n</code></pre>\n");
  html = byline_render_result_get_block_html (result, 5, &start, &end);
  g_assert_cmpstr (html, ==, "<p>{++never closed</p>\n");
  g_assert_cmpuint (start, ==, 17);

  /* Typing in and around marks: the incremental renders agree with full ones. */
  {
    static const char *marks[] = { "{++", "++}", "{--", "--}", "{~~", "~>", "~~}", "{>>", "<<}", "x", "\n", "\n\n", "`", "```\n" };

    run_edits_from (text, 200, 3, marks, G_N_ELEMENTS (marks), FALSE);
  }
}

/* The header's byline names the contributors, with their roles. */
static void
test_header_contributors (void)
{
  static const char text[] =
    "---\ntitle: Credits\ncontributors:\n  - did: did:plc:ann\n    role: editor\n"
    "    displayName: Ann <Lee>\n  - did: did:web:bo.example\n  - not a contributor\n---\n\nBody\n";
  g_autoptr(BylineRenderer) renderer = byline_renderer_new ();
  g_autoptr(BylineRenderResult) result = byline_renderer_render (renderer, text, strlen (text));
  const char *html = byline_render_result_get_block_html (result, 0, NULL, NULL);

  g_assert_nonnull (strstr (html, "<p class=\"byline\"><span class=\"contributors\">With "
                                  "<span class=\"contributor\">Ann &lt;Lee&gt; <span class=\"role\">(editor)</span></span>, "
                                  "<span class=\"contributor\">did:web:bo.example</span></span></p>"));
}

/* The cover is described for a screen reader: by the front matter's alt text, else by the
 * title; it is never an image without a name. */
static void
test_header_cover_alt (void)
{
  static const struct {
    const char *front_matter;
    const char *img;
  } cases[] = {
    { "title: Spring\ncoverImage: cover.jpg\ncoverImageAlt: Blossom on a \"wet\" branch\n",
      "<img class=\"cover\" alt=\"Blossom on a &quot;wet&quot; branch\" src=\"cover.jpg\">" },
    { "title: Spring\ncover: cover.jpg\ncoverAlt: Blossom\n",
      "<img class=\"cover\" alt=\"Blossom\" src=\"cover.jpg\">" },
    { "title: Spring & <Summer>\ncoverImage: cover.jpg\n",
      "<img class=\"cover\" alt=\"Spring &amp; &lt;Summer&gt;\" src=\"cover.jpg\">" },
    { "title: Spring\ncoverImage: cover.jpg\ncoverImageAlt: ''\n",
      "<img class=\"cover\" alt=\"Spring\" src=\"cover.jpg\">" },
    { "coverImage: cover.jpg\n",
      "<img class=\"cover\" alt=\"Cover image\" src=\"cover.jpg\">" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = g_strdup_printf ("---\n%s---\n\nBody\n", cases[i].front_matter);
      g_autoptr(BylineRenderer) renderer = byline_renderer_new ();
      g_autoptr(BylineRenderResult) result = byline_renderer_render (renderer, text, strlen (text));
      const char *html = byline_render_result_get_block_html (result, 0, NULL, NULL);

      g_assert_nonnull (html);
      if (strstr (html, cases[i].img) == NULL)
        g_error ("case %u: %s has not %s", i, html, cases[i].img);
      g_assert_null (strstr (html, "alt=\"\""));
    }
}

static char *ops_of (const char *diff);

/* An edit to a definition shows at once around it (a provisional result); the render after it
 * is of the whole text, and moves the links that use the definition elsewhere. */
static void
test_definition_edit_is_provisional (void)
{
  g_autoptr(BylineRenderer) renderer = byline_renderer_new ();
  g_autoptr(GString) text = g_string_new ("---\ntitle: Links\n---\n\nSee [the site].\n\n");
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(BylineRenderResult) first = NULL;
  g_autoptr(BylineRenderResult) second = NULL;
  g_autoptr(BylineRenderResult) third = NULL;
  g_autoptr(BylineRenderResult) full = NULL;
  guint n;
  char *at;

  for (guint i = 0; i < 40; i++)
    g_string_append_printf (text, "Paragraph %u.\n\n", i);
  g_string_append (text, "Near the end.\n\n[the site]: https://example.com/old\n\nLast words.\n");
  before = g_bytes_new (text->str, text->len);
  first = byline_renderer_render_bytes (renderer, NULL, before);
  g_assert_nonnull (strstr (byline_render_result_get_block_html (first, 1, NULL, NULL), "/old"));

  at = strstr (text->str, "/old");
  g_string_overwrite (text, at - text->str, "/new");
  after = g_bytes_new (text->str, text->len);
  second = byline_renderer_render_bytes (renderer, first, after);
  g_assert_true (byline_render_result_is_partial (second));
  g_assert_true (byline_render_result_is_provisional (second));
  n = byline_render_result_get_n_blocks (second);
  g_assert_nonnull (strstr (byline_render_result_get_block_html (second, n - 1, NULL, NULL),
                            "Last words."));

  third = byline_renderer_render_bytes (renderer, second, after);
  full = byline_renderer_render_bytes (renderer, NULL, after);
  g_assert_false (byline_render_result_is_partial (third));
  g_assert_false (byline_render_result_is_provisional (third));
  g_assert_nonnull (strstr (byline_render_result_get_block_html (third, 1, NULL, NULL), "/new"));
  assert_same (third, full, text->str);
}

static void
test_blocks_are_shared (void)
{
  g_autoptr(BylineRenderer) renderer = byline_renderer_new ();
  g_autofree char *text = make_long_document (20);
  g_autoptr(GBytes) before = g_bytes_new (text, strlen (text));
  g_autoptr(GBytes) after = NULL;
  g_autoptr(BylineRenderResult) first = NULL;
  g_autoptr(BylineRenderResult) second = NULL;
  g_autofree char *diff = NULL;
  g_autofree char *ops = NULL;
  char *at = strstr (text, "Paragraph 10 ");

  first = byline_renderer_render_bytes (renderer, NULL, before);
  g_assert_nonnull (at);
  at[0] = 'p';
  after = g_bytes_new (text, strlen (text));
  second = byline_renderer_render_bytes (renderer, first, after);

  g_assert_true (byline_render_result_is_partial (second));
  g_assert_cmpuint (byline_render_result_get_n_blocks (first), ==,
                    byline_render_result_get_n_blocks (second));

  /* Only the edited paragraph differs; the patch replaces that one block. */
  diff = byline_render_result_diff (first, second);
  g_assert_nonnull (diff);
  ops = ops_of (diff);
  g_assert_true (g_str_has_suffix (ops, "-1+1") && strchr (ops, ',') == NULL);
  g_assert_nonnull (strstr (diff, "paragraph 10 "));
  g_assert_null (strstr (diff, "Paragraph 9 "));
}

/* A patch's operations as "at-removed+inserted", comma separated. */
static char *
ops_of (const char *diff)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  GString *out = g_string_new (NULL);
  JsonArray *ops;

  g_assert_true (json_parser_load_from_data (parser, diff, -1, NULL));
  ops = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "ops");
  for (guint i = 0; i < json_array_get_length (ops); i++)
    {
      JsonArray *op = json_array_get_array_element (ops, i);

      g_string_append_printf (out, "%s%" G_GINT64_FORMAT "-%" G_GINT64_FORMAT "+%u", i ? "," : "",
                              json_array_get_int_element (op, 0), json_array_get_int_element (op, 1),
                              json_array_get_length (json_array_get_array_element (op, 2)));
    }

  return g_string_free (out, FALSE);
}

/* Footnotes numbered anew change blocks far apart and leave those between them alone: the
 * patch replaces each changed block, not everything from the first to the last. */
static void
test_diff_far_apart (void)
{
  g_autoptr(BylineRenderer) renderer = byline_renderer_new ();
  g_autoptr(GString) text = g_string_new ("---\ntitle: Notes\n---\n\n");
  g_autoptr(BylineRenderResult) first = NULL;
  g_autoptr(BylineRenderResult) second = NULL;
  g_autoptr(BylineRenderResult) third = NULL;
  g_autofree char *diff = NULL;
  g_autofree char *ops = NULL;
  g_autofree char *grown = NULL;
  char *at;

  for (guint i = 0; i < 60; i++)
    g_string_append_printf (text, "Paragraph %u%s.\n\n", i,
                            i == 10 ? " cites[^a]" : i == 50 ? " cites[^b]" : "");
  g_string_append (text, "[^a]: First.\n[^b]: Second.\n");
  first = byline_renderer_render (renderer, text->str, text->len);

  /* A note cited in paragraph 5 comes first now: every note is numbered anew. */
  at = strstr (text->str, "Paragraph 5.");
  g_string_insert (text, at - text->str + strlen ("Paragraph 5"), " cites[^b]");
  second = byline_renderer_render (renderer, text->str, text->len);
  diff = byline_render_result_diff (first, second);
  ops = ops_of (diff);
  g_assert_cmpstr (ops, ==, "6-1+1,11-1+1,51-1+1,61-1+1");
  g_assert_null (strstr (diff, "Paragraph 30."));

  /* A block more and notes numbered anew: everything between the first and the last change
   * goes at once. */
  at = strstr (text->str, "Paragraph 0.");
  g_string_insert (text, at - text->str, "An introduction that cites[^a].\n\n");
  third = byline_renderer_render (renderer, text->str, text->len);
  g_clear_pointer (&diff, g_free);
  diff = byline_render_result_diff (second, third);
  grown = ops_of (diff);
  g_assert_null (strchr (grown, ','));
  g_assert_nonnull (strstr (diff, "Paragraph 30."));
}

/* The outline's headings: top-level ATX and setext headings with their level, plain text and
 * first line in the file (front matter counted). */
static void
test_headings (void)
{
  static const char *text =
    "---\n"                                               /* 1 */
    "title: Headings\n"
    "---\n"
    "\n"
    "# The *first* `heading` #\n"                         /* 5 */
    "\n"
    "Setext **two**\n"                                    /* 7 */
    "with a [second line](https://example.com)\n"
    "---\n"
    "\n"
    "### Image ![a cat](cat.png) and <span>raw</span> html[^n]\n" /* 11 */
    "\n"
    "> ## Quoted heading\n"
    "\n"
    "- ## Heading in a list item\n"
    "\n"
    "```\n"
    "# not a heading, code\n"
    "```\n"
    "\n"
    "    # indented code\n"
    "\n"
    "<h2>raw HTML heading</h2>\n"
    "\n"
    "Title\n"                                             /* 25 */
    "=====\n"
    "\n"
    "######   Spaced \\&amp; ~~struck~~ &amp; escaped  ##\n" /* 28 */
    "\n"
    "#\n"                                                 /* 30 */
    "\n"
    "[^n]: # A footnote that starts like a heading\n";
  static const struct {
    guint       level;
    guint       line;
    const char *text;
  } expected[] = {
    { 1, 5, "The first heading" },
    { 2, 7, "Setext two with a second line" },
    { 3, 11, "Image a cat and raw html" },
    { 1, 25, "Title" },
    { 6, 28, "Spaced &amp; struck & escaped" },
    { 1, 30, "" },
  };
  g_autoptr(BylineRenderer) renderer = byline_renderer_new ();
  g_autoptr(BylineRenderResult) result = byline_renderer_render (renderer, text, strlen (text));

  g_assert_cmpuint (byline_render_result_get_n_headings (result), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      guint level = 0, line = 0;
      const char *heading = byline_render_result_get_heading (result, i, &level, &line);

      g_assert_cmpstr (heading, ==, expected[i].text);
      g_assert_cmpuint (level, ==, expected[i].level);
      g_assert_cmpuint (line, ==, expected[i].line);
    }
}

/* Edits keep the headings of the blocks an incremental render keeps, and move them. */
static void
test_headings_incremental (void)
{
  g_autoptr(BylineRenderer) renderer = byline_renderer_new ();
  g_autofree char *text = make_long_document (30);
  g_autoptr(GString) edited = NULL;
  g_autoptr(GBytes) before = g_bytes_new (text, strlen (text));
  g_autoptr(GBytes) after = NULL;
  g_autoptr(BylineRenderResult) first = NULL;
  g_autoptr(BylineRenderResult) second = NULL;
  const char *heading;
  guint level, line, first_line;
  char *at;

  first = byline_renderer_render_bytes (renderer, NULL, before);
  g_assert_cmpuint (byline_render_result_get_n_headings (first), ==, 30);
  heading = byline_render_result_get_heading (first, 20, &level, &first_line);
  g_assert_cmpstr (heading, ==, "Section 20");
  g_assert_cmpuint (level, ==, 2);

  /* Two lines more in section 5, and section 6 renamed. */
  edited = g_string_new (text);
  at = strstr (strstr (edited->str, "Paragraph 5 "), "A second line.");
  g_string_insert (edited, at - edited->str, "More\n\nand more\n");
  at = strstr (edited->str, "## Section 6\n");
  g_string_insert (edited, at - edited->str + 3, "The ");
  after = g_bytes_new (edited->str, edited->len);
  second = byline_renderer_render_bytes (renderer, first, after);

  g_assert_true (byline_render_result_is_partial (second));
  g_assert_cmpuint (byline_render_result_get_n_headings (second), ==, 30);
  g_assert_cmpstr (byline_render_result_get_heading (second, 6, NULL, NULL), ==,
                   "The Section 6");
  heading = byline_render_result_get_heading (second, 20, &level, &line);
  g_assert_cmpstr (heading, ==, "Section 20");
  g_assert_cmpuint (line, ==, first_line + 3);
}

/* cmark-gfm can cut a character in two (here a footnote label ending in U+FFFD); what goes
 * to the page, and to the JSON that carries it there, is valid UTF-8 all the same. */
static void
test_valid_utf8 (void)
{
  static const char *texts[] = {
    "[^\n\xef\xbf\xbd\b]\n",
    "# [^\xef\xbf\xbd]\n\n[^\n\xef\xbf\xbd\b]: note\n",
  };

  for (guint t = 0; t < G_N_ELEMENTS (texts); t++)
    {
      g_autoptr(BylineRenderer) renderer = byline_renderer_new ();
      g_autoptr(BylineRenderResult) result = byline_renderer_render (renderer, texts[t], strlen (texts[t]));
      g_autofree char *json = byline_render_result_to_json (result);
      g_autofree char *html = byline_render_result_to_html (result);

      g_assert_true (g_utf8_validate (json, -1, NULL));
      g_assert_true (g_utf8_validate (html, -1, NULL));
      for (guint i = 0; i < byline_render_result_get_n_headings (result); i++)
        {
          guint level, line;

          g_assert_true (g_utf8_validate (byline_render_result_get_heading (result, i, &level, &line), -1, NULL));
        }
    }
}

static void
render_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  BylineRenderResult **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = byline_renderer_render_finish (BYLINE_RENDERER (object), result, &error);
  g_assert_no_error (error);
}

static BylineRenderResult *
render_in_worker (BylineRenderer *renderer,
                  const char     *text)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
  BylineRenderResult *result = NULL;

  byline_renderer_render_async (renderer, bytes, NULL, render_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return result;
}

/* The worker compares each result with the one it rendered before, so the main thread sends
 * the patch without comparing; the patch is only offered against that very result. */
static void
test_worker_patch (void)
{
  g_autoptr(BylineRenderer) renderer = byline_renderer_new ();
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(BylineRenderResult) first = NULL;
  g_autoptr(BylineRenderResult) second = NULL;
  g_autoptr(BylineRenderResult) third = NULL;
  g_autoptr(BylineRenderResult) unrelated = NULL;
  g_autofree char *diff = NULL;
  GVariant *patch = (GVariant *)0x1;

  for (guint i = 0; i < 100; i++)
    g_string_append_printf (text, "Paragraph %u of the article.\n\n", i);
  first = render_in_worker (renderer, text->str);
  g_assert_false (byline_render_result_get_patch (first, first, &patch));
  g_assert_null (patch);

  g_string_replace (text, "Paragraph 50 ", "Paragraph 50 edited ", 1);
  second = render_in_worker (renderer, text->str);
  diff = byline_render_result_diff (first, second);
  g_assert_true (byline_render_result_get_patch (second, first, &patch));
  g_assert_nonnull (patch);
  g_assert_cmpstr (g_variant_get_string (patch, NULL), ==, diff);
  g_assert_nonnull (strstr (diff, "Paragraph 50 edited"));

  /* Not against another result, even of the same text. */
  unrelated = byline_renderer_render (renderer, text->str, text->len);
  g_assert_false (byline_render_result_get_patch (second, unrelated, &patch));

  /* Nothing visible changed: a patch that says so. */
  third = render_in_worker (renderer, text->str);
  g_assert_true (byline_render_result_get_patch (third, second, &patch));
  g_assert_null (patch);

  /* Released results are freed by a background thread; the others stay usable. */
  byline_render_result_release (g_steal_pointer (&first));
  byline_render_result_release (byline_render_result_ref (second));
  g_assert_cmpuint (byline_render_result_get_n_blocks (second), ==,
                   byline_render_result_get_n_blocks (unrelated));
}

/* A Leaflet block kept as a fenced block of JSON shows as a labelled card; other fences
 * stay code. */
static void
test_leaflet_card (void)
{
  static const char text[] =
    "Before.\n\n"
    "```leaflet-block\n"
    "{\"$type\":\"pub.leaflet.pages.linearDocument#block\",\"block\":{\"$type\":\"pub.leaflet.blocks.image\","
    "\"alt\":\"Boats <at> dawn\",\"aspectRatio\":{\"width\":4,\"height\":3}}}\n"
    "```\n\n"
    "```leaflet-block\n"
    "{\"block\":{\"$type\":\"pub.leaflet.blocks.poll\"}}\n"
    "```\n\n"
    "```leaflet-block\n"
    "not json\n"
    "```\n";
  g_autoptr(BylineRenderer) renderer = byline_renderer_new ();
  g_autoptr(BylineRenderResult) result = byline_renderer_render (renderer, text, strlen (text));

  /* The article's header first, then the blocks. */
  g_assert_cmpuint (byline_render_result_get_n_blocks (result), ==, 5);
  g_assert_true (g_str_has_prefix (byline_render_result_get_block_html (result, 2, NULL, NULL),
                                   "<figure class=\"leaflet-block\" data-leaflet-block=\"image\""));
  g_assert_nonnull (strstr (byline_render_result_get_block_html (result, 2, NULL, NULL),
                            "<figcaption>Image</figcaption><p>Boats &lt;at&gt; dawn</p></figure>"));
  g_assert_null (strstr (byline_render_result_get_block_html (result, 2, NULL, NULL), "aspectRatio"));
  g_assert_nonnull (strstr (byline_render_result_get_block_html (result, 3, NULL, NULL), "<figcaption>Poll</figcaption>"));
  g_assert_true (g_str_has_prefix (byline_render_result_get_block_html (result, 4, NULL, NULL), "<pre>"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Byline/Renderer/incremental-sample", test_incremental_sample);
  g_test_add_func ("/Byline/Renderer/incremental-long", test_incremental_long);
  g_test_add_func ("/Byline/Renderer/incremental-tables", test_incremental_tables);
  g_test_add_func ("/Byline/Renderer/incremental-typing", test_incremental_typing);
  g_test_add_func ("/Byline/Renderer/incremental-large", test_incremental_large);
  g_test_add_func ("/Byline/Renderer/edge-cases", test_edge_cases);
  g_test_add_func ("/Byline/Renderer/block-lines", test_block_lines);
  g_test_add_func ("/Byline/Renderer/leaflet-card", test_leaflet_card);
  g_test_add_func ("/Byline/Renderer/incremental-past-nul", test_incremental_past_nul);
  g_test_add_func ("/Byline/Renderer/concurrent-renders", test_concurrent_renders);
  g_test_add_func ("/Byline/Renderer/incremental-definition-with-nul",
                   test_incremental_definition_with_nul);
  g_test_add_func ("/Byline/Renderer/incremental-carriage-returns",
                   test_incremental_carriage_returns);
  g_test_add_func ("/Byline/Renderer/incremental-beside-definitions",
                   test_incremental_beside_definitions);
  g_test_add_func ("/Byline/Renderer/incremental-after-definition-paragraph",
                   test_incremental_after_definition_paragraph);
  g_test_add_func ("/Byline/Renderer/blocks-are-shared", test_blocks_are_shared);
  g_test_add_func ("/Byline/Renderer/diff-far-apart", test_diff_far_apart);
  g_test_add_func ("/Byline/Renderer/definition-edit-is-provisional",
                   test_definition_edit_is_provisional);
  g_test_add_func ("/Byline/Renderer/headings", test_headings);
  g_test_add_func ("/Byline/Renderer/headings-incremental", test_headings_incremental);
  g_test_add_func ("/Byline/Renderer/valid-utf8", test_valid_utf8);
  g_test_add_func ("/Byline/Renderer/worker-patch", test_worker_patch);
  g_test_add_func ("/Byline/Renderer/review-marks", test_review_marks);
  g_test_add_func ("/Byline/Renderer/header-contributors", test_header_contributors);
  g_test_add_func ("/Byline/Renderer/header-cover-alt", test_header_cover_alt);

  return g_test_run ();
}
