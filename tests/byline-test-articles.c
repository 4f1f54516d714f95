/* byline-test-articles.c: long articles made on demand, for the tests that need size
 *
 * The tests carry their data: rather than a corpus beside the repository, a long article is
 * made here, deterministically, from sections that hold every kind of block Byline renders
 * (headings, paragraphs with inline marks, nested lists, quotes, code, tables, footnotes,
 * reference links), each numbered so that no two blocks are alike.
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

#include "byline-test-articles.h"

/* How many link reference definitions a long article with references has: the first sections
 * define one each, and every fourth section links to one anywhere in the article, before or
 * after it. */
#define N_REFERENCES 400

static const char * const words[] = {
  "the", "a", "writer", "drafts", "slowly", "and", "every", "sentence", "carries", "weight",
  "while", "readers", "follow", "questions", "through", "harbours", "trains", "gardens",
  "winters", "archives", "letters", "maps",
};

/* @n words of prose, different for each @seed, as a sentence. */
static void
append_prose (GString *text,
              guint    seed,
              guint    n)
{
  gsize start = text->len;

  for (guint k = 0; k < n; k++)
    {
      if (k > 0)
        g_string_append_c (text, ' ');
      g_string_append (text, words[(seed * 7 + k * 13 + k * k) % G_N_ELEMENTS (words)]);
    }
  text->str[start] = g_ascii_toupper (text->str[start]);
  g_string_append_c (text, '.');
}

/**
 * byline_test_long_article:
 * @size: the least size of the article, in bytes
 * @with_references: whether the sections link through reference definitions
 *
 * Returns: (transfer full): an article with front matter, of @size bytes or a little more
 */
char *
byline_test_long_article (gsize    size,
                          gboolean with_references)
{
  GString *text = g_string_new ("---\ntitle: A Long Article\ntags: [long, generated]\n---\n\n");

  /* Mostly prose, as articles are, so that a megabyte has about as many blocks as one of
   * theirs. */
  for (guint i = 0; text->len < size; i++)
    {
      g_string_append_printf (text,
                              "## Section %u\n\n"
                              "Paragraph %u opens with *emphasis*, goes on with **strong words**, "
                              "an [inline link](https://example.org/%u) and `code %u`, and closes "
                              "with a footnote.[^n%u] ",
                              i, i, i, i, i);
      append_prose (text, i, 60);
      g_string_append (text, "\n\n");
      append_prose (text, i + 1, 90);
      g_string_append_printf (text,
                              "\n\n"
                              "- item %u.1\n- item %u.2 with ~~a strike~~\n  - nested item %u\n\n"
                              "> A quotation, number %u,\n> over two lines.\n\n",
                              i, i, i, i);
      if (i % 4 == 0)
        g_string_append_printf (text,
                                "```c\nint section_%u = %u;\n```\n\n"
                                "| Column | Value |\n|---|---|\n| row %u | %u |\n\n",
                                i, i * 7, i, i * 3);
      g_string_append_printf (text, "[^n%u]: The note of section %u.\n\n", i, i);
      if (with_references)
        {
          if (i % 4 == 0)
            g_string_append_printf (text, "See [the reference %u][ref-%u] for more.\n\n",
                                    (i * 37) % N_REFERENCES, (i * 37) % N_REFERENCES);
          if (i < N_REFERENCES)
            g_string_append_printf (text, "[ref-%u]: https://example.org/references/%u \"Reference %u\"\n\n",
                                    i, i, i);
        }
    }

  return g_string_free (text, FALSE);
}
