/* test-cli.c
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
#include <json-glib/json-glib.h>

/* Runs the real binary with no display and no session bus, as on a server. */
static int
run (const char * const *args,
     char              **out,
     char              **err)
{
  const char *binary = g_getenv ("BYLINE_BINARY");
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) env = g_get_environ ();
  g_autoptr(GError) error = NULL;
  int status = -1;

  env = g_environ_unsetenv (env, "DISPLAY");
  env = g_environ_unsetenv (env, "WAYLAND_DISPLAY");
  env = g_environ_unsetenv (env, "DBUS_SESSION_BUS_ADDRESS");

  g_ptr_array_add (argv, (char *)binary);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *)args[i]);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **)argv->pdata, env, G_SPAWN_DEFAULT, NULL, NULL, out, err, &status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));

  return WEXITSTATUS (status);
}

static void
test_cli (void)
{
  g_autofree char *dir = g_dir_make_tmp ("byline-cli-XXXXXX", NULL);
  g_autofree char *good = g_build_filename (dir, "good.md", NULL);
  g_autofree char *bad = g_build_filename (dir, "bad.md", NULL);
  g_autofree char *record = g_build_filename (dir, "good.json", NULL);
  g_autofree char *back = g_build_filename (dir, "back.md", NULL);
  g_autofree char *junk = g_build_filename (dir, "junk.json", NULL);
  g_autofree char *json = NULL;
  g_autofree char *article = NULL;

  if (g_getenv ("BYLINE_BINARY") == NULL)
    {
      g_test_skip ("BYLINE_BINARY is not set");
      return;
    }

  g_assert_true (g_file_set_contents (good, "---\ntitle: Hello CLI\nsite: https://example.com\n"
                                      "publishedAt: 2024-01-05\n---\nSome *text*.\n", -1, NULL));
  g_assert_true (g_file_set_contents (bad, "---\ntitle: No site\n---\nBody\n", -1, NULL));
  g_assert_true (g_file_set_contents (junk, "{not json", -1, NULL));

  {
    const char *args[] = { "--export", good, "--output", record, NULL };
    g_autofree char *out = NULL, *err = NULL;

    g_assert_cmpint (run (args, &out, &err), ==, 0);
    g_assert_true (g_file_get_contents (record, &json, NULL, NULL));
    g_assert_nonnull (strstr (json, "\"path\": \"/hello-cli\""));
  }
  {
    const char *args[] = { "--import", record, "--output", back, NULL };
    g_autofree char *out = NULL, *err = NULL;

    g_assert_cmpint (run (args, &out, &err), ==, 0);
    g_assert_true (g_file_get_contents (back, &article, NULL, NULL));
    g_assert_nonnull (strstr (article, "Hello CLI"));
    g_assert_nonnull (strstr (article, "Some *text*."));
  }
  {
    const char *args[] = { "--check", good, NULL };
    g_autofree char *out = NULL, *err = NULL;

    g_assert_cmpint (run (args, &out, &err), ==, 0);
  }
  {
    const char *args[] = { "--check", bad, NULL };
    g_autofree char *out = NULL, *err = NULL;

    g_assert_cmpint (run (args, &out, &err), ==, 1);
    g_assert_nonnull (strstr (err, "site"));
    g_assert_nonnull (strstr (err, "publishedAt"));
  }
  {
    const char *args[] = { "--export", bad, NULL };
    g_autofree char *out = NULL, *err = NULL;

    g_assert_cmpint (run (args, &out, &err), ==, 1);
    g_assert_cmpstr (out, ==, "");
  }
  {
    const char *args[] = { "--import", junk, NULL };
    g_autofree char *out = NULL, *err = NULL;

    g_assert_cmpint (run (args, &out, &err), ==, 1);
  }
  {
    const char *args[] = { "--export", good, "--import", record, NULL };
    g_autofree char *out = NULL, *err = NULL;

    g_assert_cmpint (run (args, &out, &err), ==, 2);
  }

  g_unlink (good);
  g_unlink (bad);
  g_unlink (record);
  g_unlink (back);
  g_unlink (junk);
  g_rmdir (dir);
}

/* Writing to a device or a pipe writes into it: there is no folder to put a temporary file in
 * and nothing to rename. */
static void
test_output_to_device (void)
{
  g_autofree char *dir = g_dir_make_tmp ("byline-cli-XXXXXX", NULL);
  g_autofree char *good = g_build_filename (dir, "good.md", NULL);
  g_autofree char *record = g_build_filename (dir, "record.md", NULL);
  const char *formats[] = { "record", "html" };

  if (g_getenv ("BYLINE_BINARY") == NULL)
    {
      g_test_skip ("BYLINE_BINARY is not set");
      return;
    }

  g_assert_true (g_file_set_contents (good, "---\ntitle: To nowhere\nsite: https://example.com\n"
                                      "publishedAt: 2024-01-05\n---\nSome *text*.\n", -1, NULL));

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      const char *args[] = { "--export", good, "--format", formats[i],
                             "--output", "/dev/null", NULL };
      g_autofree char *out = NULL, *err = NULL;

      g_assert_cmpint (run (args, &out, &err), ==, 0);
      g_assert_cmpstr (err, ==, "");
    }

  /* An import too. */
  {
    const char *args[] = { "--export", good, "--output", record, NULL };
    const char *import[] = { "--import", record, "--output", "/dev/null", NULL };
    g_autofree char *out = NULL, *err = NULL;
    g_autofree char *out2 = NULL, *err2 = NULL;

    g_assert_cmpint (run (args, &out, &err), ==, 0);
    g_assert_cmpint (run (import, &out2, &err2), ==, 0);
    g_assert_cmpstr (err2, ==, "");
  }

  g_unlink (good);
  g_unlink (record);
  g_rmdir (dir);
}

/* A page that links to an image it could not include is written, but the export fails and
 * names the image with the reason. */
static void
test_html_unembedded_image (void)
{
  g_autofree char *dir = g_dir_make_tmp ("byline-cli-XXXXXX", NULL);
  g_autofree char *article = g_build_filename (dir, "article.md", NULL);
  g_autofree char *page = g_build_filename (dir, "article.html", NULL);
  const char *args[] = { "--export", article, "--format", "html", "--output", page, NULL };
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *html = NULL;
  g_autofree char *expected = NULL;

  if (g_getenv ("BYLINE_BINARY") == NULL)
    {
      g_test_skip ("BYLINE_BINARY is not set");
      return;
    }

  g_assert_true (g_file_set_contents (article, "---\ntitle: Pictures\n---\n\n"
                                      "![A harbour](images/harbour.jpg)\n", -1, NULL));
  g_assert_cmpint (run (args, &out, &err), ==, 1);
  expected = g_strdup_printf ("%s: the page links to an image it could not include: "
                              "There is no file “images/harbour.jpg” beside the article\n",
                              article);
  g_assert_cmpstr (err, ==, expected);
  g_assert_true (g_file_get_contents (page, &html, NULL, NULL));
  g_assert_nonnull (strstr (html, "src=\"images/harbour.jpg\""));

  g_unlink (article);
  g_unlink (page);
  g_rmdir (dir);
}

/* A cover on the web cannot travel in the record, which carries its cover as a blob: --check
 * says so, instead of naming a file made of the article's folder and the address. */
static void
test_remote_cover (void)
{
  g_autofree char *dir = g_dir_make_tmp ("byline-cli-XXXXXX", NULL);
  g_autofree char *article = g_build_filename (dir, "article.md", NULL);
  const char *args[] = { "--check", article, NULL };
  g_autofree char *out = NULL, *err = NULL;
  const char *message;

  if (g_getenv ("BYLINE_BINARY") == NULL)
    {
      g_test_skip ("BYLINE_BINARY is not set");
      return;
    }

  g_assert_true (g_file_set_contents (article, "---\ntitle: Remote cover\n"
                                      "site: https://example.com\n"
                                      "publishedAt: 2024-01-05\n"
                                      "coverImage: https://example.com/images/cover.png\n"
                                      "---\nBody.\n", -1, NULL));

  g_assert_cmpint (run (args, &out, &err), ==, 1);
  /* The line names the article, then the problem, which names no file in its folder. */
  message = strstr (err, "coverImage");
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (message, "https://example.com/images/cover.png"));
  g_assert_nonnull (strstr (message, "web address"));
  g_assert_null (strstr (message, dir));
  g_assert_null (strstr (message, "https:/example.com"));

  g_unlink (article);
  g_rmdir (dir);
}

static char *
read_text (const char *path)
{
  char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  return text;
}

static JsonNode *
content_of (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *record;

  g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));
  record = json_node_get_object (json_parser_get_root (parser));
  if (!json_object_has_member (record, "content"))
    return NULL;
  return json_node_copy (json_object_get_member (record, "content"));
}

static const char *
content_type (JsonNode *content)
{
  return json_object_get_string_member (json_node_get_object (content), "$type");
}

/* A record whose content Byline cannot write keeps it as it was; once its body is edited,
 * --export and --publish refuse to write a record whose content readers see unedited,
 * unless --content-format says what to write instead. */
static void
test_unwritable_content (void)
{
  g_autofree char *dir = g_dir_make_tmp ("byline-cli-XXXXXX", NULL);
  g_autofree char *record = g_build_filename (dir, "pckt.json", NULL);
  g_autofree char *article = g_build_filename (dir, "pckt.md", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GString) edited = NULL;

  if (g_getenv ("BYLINE_BINARY") == NULL)
    {
      g_test_skip ("BYLINE_BINARY is not set");
      return;
    }

  g_assert_true (g_file_set_contents (record,
    "{\"$type\":\"site.standard.document\",\"site\":\"https://example.com\",\"title\":\"Pckt\","
    "\"publishedAt\":\"2024-01-05T00:00:00.000Z\",\"textContent\":\"The original sentence.\","
    "\"content\":{\"$type\":\"blog.pckt.content\",\"items\":[{\"text\":\"The original sentence.\"}]}}",
    -1, NULL));
  {
    const char *args[] = { "--import", record, "--output", article, NULL };
    g_autofree char *out = NULL, *err = NULL;

    g_assert_cmpint (run (args, &out, &err), ==, 0);
  }

  /* Unedited, the content goes back as it came. */
  {
    const char *args[] = { "--export", article, NULL };
    g_autofree char *out = NULL, *err = NULL;
    g_autoptr(JsonNode) content = NULL;

    g_assert_cmpint (run (args, &out, &err), ==, 0);
    content = content_of (out);
    g_assert_cmpstr (content_type (content), ==, "blog.pckt.content");
  }

  text = read_text (article);
  edited = g_string_new (text);
  /* The body, after the front matter (which keeps the imported text among the record's fields). */
  g_assert_cmpuint (g_string_replace (edited, "\n---\nThe original sentence.", "\n---\nThe corrected sentence.", 1), ==, 1);
  g_assert_true (g_file_set_contents (article, edited->str, -1, NULL));

  {
    const char *args[] = { "--export", article, NULL };
    g_autofree char *out = NULL, *err = NULL;

    g_assert_cmpint (run (args, &out, &err), ==, 1);
    g_assert_cmpstr (out, ==, "");
    g_assert_nonnull (strstr (err, "blog.pckt.content"));
    g_assert_nonnull (strstr (err, "readers would not see the edit"));
  }
  {
    const char *args[] = { "--publish", article, NULL };
    g_autofree char *out = NULL, *err = NULL;

    g_assert_cmpint (run (args, &out, &err), ==, 1);
    g_assert_nonnull (strstr (err, "readers would not see the edit"));
  }
  {
    const char *args[] = { "--export", article, "--content-format", "markdown", NULL };
    g_autofree char *out = NULL, *err = NULL;
    g_autoptr(JsonNode) content = NULL;

    g_assert_cmpint (run (args, &out, &err), ==, 0);
    content = content_of (out);
    g_assert_cmpstr (content_type (content), ==, "at.markpub.markdown");
    g_assert_nonnull (strstr (out, "The corrected sentence."));
    g_assert_null (strstr (out, "The original sentence."));
  }
  {
    const char *args[] = { "--export", article, "--content-format", "leaflet", NULL };
    g_autofree char *out = NULL, *err = NULL;
    g_autoptr(JsonNode) content = NULL;

    g_assert_cmpint (run (args, &out, &err), ==, 0);
    content = content_of (out);
    g_assert_cmpstr (content_type (content), ==, "pub.leaflet.content");
    g_assert_null (strstr (out, "The original sentence."));
  }
  {
    const char *args[] = { "--export", article, "--content-format", "none", NULL };
    g_autofree char *out = NULL, *err = NULL;
    g_autoptr(JsonNode) content = NULL;

    g_assert_cmpint (run (args, &out, &err), ==, 0);
    content = content_of (out);
    g_assert_null (content);
    g_assert_nonnull (strstr (out, "\"textContent\": \"The corrected sentence.\""));
  }
  /* Wrong use. */
  {
    const char *args[] = { "--export", article, "--content-format", "html", NULL };
    g_autofree char *out = NULL, *err = NULL;

    g_assert_cmpint (run (args, &out, &err), ==, 2);
  }
  {
    const char *args[] = { "--import", record, "--content-format", "leaflet", NULL };
    g_autofree char *out = NULL, *err = NULL;

    g_assert_cmpint (run (args, &out, &err), ==, 2);
  }
  {
    const char *args[] = { "--export", article, "--no-content", "--content-format", "leaflet", NULL };
    g_autofree char *out = NULL, *err = NULL;

    g_assert_cmpint (run (args, &out, &err), ==, 2);
  }

  g_unlink (record);
  g_unlink (article);
  g_rmdir (dir);
}

/* A Leaflet record imports as Markdown with `contentFormat: leaflet`, and exports back to
 * the very same blocks; --content-format markdown makes Markdown content of it. */
static void
test_leaflet_format (void)
{
  g_autofree char *fixture = g_test_build_filename (G_TEST_DIST, "unit", "data", "leaflet", "essay.json", NULL);
  g_autofree char *dir = g_dir_make_tmp ("byline-cli-XXXXXX", NULL);
  g_autofree char *article = g_build_filename (dir, "essay.md", NULL);
  g_autofree char *original = read_text (fixture);
  g_autoptr(JsonNode) original_content = content_of (original);
  g_autofree char *text = NULL;

  if (g_getenv ("BYLINE_BINARY") == NULL)
    {
      g_test_skip ("BYLINE_BINARY is not set");
      return;
    }

  {
    const char *args[] = { "--import", fixture, "--output", article, NULL };
    g_autofree char *out = NULL, *err = NULL;

    g_assert_cmpint (run (args, &out, &err), ==, 0);
  }
  text = read_text (article);
  g_assert_nonnull (strstr (text, "\ncontentFormat: leaflet\n"));
  g_assert_nonnull (strstr (text, "\n## A list becomes a magazine\n"));
  g_assert_nonnull (strstr (text, "What replaced them was **not nothing**."));

  {
    const char *args[] = { "--export", article, NULL };
    g_autofree char *out = NULL, *err = NULL;
    g_autoptr(JsonNode) content = NULL;

    g_assert_cmpint (run (args, &out, &err), ==, 0);
    content = content_of (out);
    g_assert_true (json_node_equal (content, original_content));
  }
  {
    const char *args[] = { "--export", article, "--content-format", "markdown", NULL };
    g_autofree char *out = NULL, *err = NULL;
    g_autoptr(JsonNode) content = NULL;

    g_assert_cmpint (run (args, &out, &err), ==, 0);
    content = content_of (out);
    g_assert_cmpstr (content_type (content), ==, "at.markpub.markdown");
    g_assert_nonnull (strstr (out, "What replaced them was **not nothing**."));
  }

  g_unlink (article);
  g_rmdir (dir);
}

/* With suggestions or comments left, --export and --check stop and say how many and on which
 * lines; an HTML page shows them only when asked. */
static void
test_review_marks (void)
{
  g_autofree char *dir = g_dir_make_tmp ("byline-cli-XXXXXX", NULL);
  g_autofree char *article = g_build_filename (dir, "article.md", NULL);
  g_autofree char *record = g_build_filename (dir, "article.json", NULL);
  g_autofree char *page = g_build_filename (dir, "article.html", NULL);
  g_autofree char *html = NULL;

  if (g_getenv ("BYLINE_BINARY") == NULL)
    {
      g_test_skip ("BYLINE_BINARY is not set");
      return;
    }

  g_assert_true (g_file_set_contents (article, "---\ntitle: Reviewed\nsite: https://example.com\n"
                                      "publishedAt: 2024-01-05\n---\n\nSome {++new ++}text.\n\n"
                                      "`{--code--}` and {>>Ann: why?<<}\n", -1, NULL));

  {
    const char *args[] = { "--export", article, "--output", record, NULL };
    g_autofree char *out = NULL, *err = NULL;

    g_assert_cmpint (run (args, &out, &err), ==, 1);
    g_assert_nonnull (strstr (err, "2 suggestions or comments left (lines 7, 9)"));
    g_assert_false (g_file_test (record, G_FILE_TEST_EXISTS));
  }
  {
    const char *args[] = { "--check", article, NULL };
    g_autofree char *out = NULL, *err = NULL;

    g_assert_cmpint (run (args, &out, &err), ==, 1);
    g_assert_nonnull (strstr (err, "lines 7, 9"));
  }
  {
    const char *args[] = { "--export", article, "--format", "html", "--output", page, NULL };
    g_autofree char *out = NULL, *err = NULL;

    g_assert_cmpint (run (args, &out, &err), ==, 1);
    g_assert_nonnull (strstr (err, "lines 7, 9"));
    g_assert_false (g_file_test (page, G_FILE_TEST_EXISTS));
  }
  {
    const char *args[] = { "--export", article, "--with-suggestions", NULL };
    g_autofree char *out = NULL, *err = NULL;

    g_assert_cmpint (run (args, &out, &err), ==, 2);
  }
  {
    const char *args[] = { "--export", article, "--format", "html", "--with-suggestions",
                           "--output", page, NULL };
    g_autofree char *out = NULL, *err = NULL;

    g_assert_cmpint (run (args, &out, &err), ==, 0);
    g_assert_true (g_file_get_contents (page, &html, NULL, NULL));
    g_assert_nonnull (strstr (html, "<ins class=\"critic critic-addition\">new </ins>"));
    g_assert_nonnull (strstr (html, "<span class=\"critic-author\">Ann</span>"));
    g_assert_nonnull (strstr (html, "<code>{--code--}</code>"));
  }

  g_unlink (page);
  g_unlink (article);
  g_rmdir (dir);
}

/* The library's commands: alone, and with what they need, or exit 2 before any network. */
static void
test_library_usage (void)
{
  g_autofree char *dir = g_dir_make_tmp ("byline-cli-XXXXXX", NULL);
  g_autofree char *article = g_build_filename (dir, "unlinked.md", NULL);
  const char *cases[][6] = {
    { "--json", NULL },
    { "--list", "--export", article, NULL },
    { "--list", "--output", dir, NULL },
    { "--diff", article, "--output", dir, NULL },
    { "--pull", "https://example.com/post", NULL },
    { "--pull", "at://did:plc:abc/app.bsky.feed.post/3k", NULL },
    { "--diff", article, NULL },
    { "--list", "--content-format", "markdown", NULL },
  };

  if (g_getenv ("BYLINE_BINARY") == NULL)
    {
      g_test_skip ("BYLINE_BINARY is not set");
      return;
    }

  g_assert_true (g_file_set_contents (article, "---\ntitle: Not published\n---\nText\n", -1, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = NULL, *err = NULL;

      g_assert_cmpint (run (cases[i], &out, &err), ==, 2);
      g_assert_cmpstr (out, ==, "");
      g_assert_cmpstr (err, !=, "");
    }

  g_unlink (article);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli/export-import-check", test_cli);
  g_test_add_func ("/cli/output-to-device", test_output_to_device);
  g_test_add_func ("/cli/remote-cover", test_remote_cover);
  g_test_add_func ("/cli/unwritable-content", test_unwritable_content);
  g_test_add_func ("/cli/leaflet-format", test_leaflet_format);
  g_test_add_func ("/cli/review-marks", test_review_marks);
  g_test_add_func ("/cli/html-unembedded-image", test_html_unembedded_image);
  g_test_add_func ("/cli/library-usage", test_library_usage);

  return g_test_run ();
}
