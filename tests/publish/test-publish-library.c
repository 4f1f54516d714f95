/* test-publish-library.c
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

/* The writer's library against the reference PDS: records written with plain XRPC calls, as
 * another app writes them, are listed over more than one page, pulled with their cover and
 * the images of their body, edited, compared, published in place and compared again; a
 * record changed on the PDS after the pull is said to be, and never overwritten. The
 * command line runs as the real program, `byline`, in a child process. */

#include "config.h"

#include <string.h>

#include "byline-cid.h"
#include "byline-front-matter.h"
#include "byline-library.h"
#include "byline-tid.h"
#include "byline-xrpc-client.h"
#include "pds-fixture.h"

/* Records of another app beside the pulled one, to need more than one page of 100. */
#define N_OTHER_RECORDS 104

/* A 1×1 PNG and a 3×2 GIF. */
static const guint8 png[] = {
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
  0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4,
  0x89, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0xf8, 0xcf, 0xc0, 0xf0,
  0x1f, 0x00, 0x05, 0x00, 0x01, 0xff, 0x89, 0x99, 0x3d, 0x1d, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45,
  0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
};
static const guint8 gif[] = {
  0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 0x03, 0x00, 0x02, 0x00, 0x80, 0x00, 0x00, 0xff, 0xff, 0xff,
  0x00, 0x00, 0x00, 0x2c, 0x00, 0x00, 0x00, 0x00, 0x03, 0x00, 0x02, 0x00, 0x00, 0x02, 0x02, 0x84,
  0x51, 0x00, 0x3b,
};

static char *gulls_uri;
static char *gulls_rkey;
static char *pulled_path;

static JsonObject *
parse (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);

  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static JsonObject *
upload (const guint8 *data,
        gsize         size,
        const char   *mime)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (data, size);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *blob;

  byline_xrpc_client_upload_blob_async (client, bytes, mime, NULL, pds_store_result_cb, &result);
  blob = byline_xrpc_client_upload_blob_finish (client, pds_wait_for (&result), &error);
  g_assert_no_error (error);

  return blob;
}

static JsonObject *
get_record (const char *rkey)
{
  g_autofree char *query = g_strdup_printf ("repo=%s&collection=site.standard.document&rkey=%s",
                                            did, rkey);
  g_autoptr(GError) error = NULL;
  JsonObject *answer = pds_call ("GET", "com.atproto.repo.getRecord", query, NULL, &error);

  g_assert_no_error (error);

  return answer;
}

static void
put_record (const char *rkey,
            JsonObject *value)
{
  g_autoptr(JsonObject) input = json_object_new ();
  g_autoptr(JsonObject) answer = NULL;
  g_autoptr(GError) error = NULL;

  json_object_set_string_member (input, "repo", did);
  json_object_set_string_member (input, "collection", "site.standard.document");
  json_object_set_string_member (input, "rkey", rkey);
  json_object_set_object_member (input, "record", json_object_ref (value));
  answer = pds_call ("POST", "com.atproto.repo.putRecord", NULL, input, &error);
  g_assert_no_error (error);
}

static JsonObject *
image_block (JsonObject *blob,
             int         width,
             int         height,
             const char *alt)
{
  g_autofree char *json = g_strdup_printf (
    "{\"$type\": \"pub.leaflet.pages.linearDocument#block\", \"block\": {"
    "\"$type\": \"pub.leaflet.blocks.image\", \"aspectRatio\": {\"width\": %d, \"height\": %d},"
    " \"alt\": \"%s\"}}", width, height, alt);
  JsonObject *item = parse (json);

  json_object_set_object_member (json_object_get_object_member (item, "block"), "image",
                                 json_object_ref (blob));

  return item;
}

static JsonObject *
text_block (const char *text)
{
  g_autofree char *json = g_strdup_printf (
    "{\"$type\": \"pub.leaflet.pages.linearDocument#block\", \"block\": {"
    "\"$type\": \"pub.leaflet.blocks.text\", \"plaintext\": \"%s\"}}", text);

  return parse (json);
}

/* As another app writes them: a Leaflet article with a cover and two images, and many short
 * Markdown notes written at once with applyWrites. */
static void
write_records (void)
{
  g_autoptr(JsonObject) cover = upload (png, sizeof png, "image/png");
  g_autoptr(JsonObject) one = upload (png, sizeof png, "image/png");
  g_autoptr(JsonObject) two = upload (gif, sizeof gif, "image/gif");
  g_autoptr(JsonObject) gulls = parse ("{\"$type\": \"site.standard.document\","
                                       " \"title\": \"Gulls on the Wall\","
                                       " \"site\": \"https://example.com\", \"path\": \"/gulls/\","
                                       " \"publishedAt\": \"2026-03-05T20:30:00.000Z\","
                                       " \"textContent\": \"Two gulls sat on the harbour wall.\"}");
  g_autoptr(JsonObject) content = json_object_new ();
  g_autoptr(JsonObject) writes_input = json_object_new ();
  g_autoptr(JsonObject) answer = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *page = json_object_new ();
  JsonArray *blocks = json_array_new ();
  JsonArray *pages = json_array_new ();
  JsonArray *writes = json_array_new ();

  json_array_add_object_element (blocks, text_block ("Two gulls sat on the harbour wall at dawn."));
  json_array_add_object_element (blocks, image_block (one, 1, 1, "The wall"));
  json_array_add_object_element (blocks, text_block ("Then they flew off."));
  json_array_add_object_element (blocks, image_block (two, 3, 2, "Gulls"));
  json_object_set_string_member (page, "$type", "pub.leaflet.pages.linearDocument");
  json_object_set_array_member (page, "blocks", blocks);
  json_array_add_object_element (pages, page);
  json_object_set_string_member (content, "$type", "pub.leaflet.content");
  json_object_set_array_member (content, "pages", pages);
  json_object_set_object_member (gulls, "content", json_object_ref (content));
  json_object_set_object_member (gulls, "coverImage", json_object_ref (cover));

  gulls_rkey = byline_tid_next ();
  gulls_uri = g_strdup_printf ("at://%s/site.standard.document/%s", did, gulls_rkey);
  put_record (gulls_rkey, gulls);

  for (guint i = 0; i < N_OTHER_RECORDS; i++)
    {
      JsonObject *write = json_object_new ();
      g_autofree char *json = g_strdup_printf (
        "{\"$type\": \"site.standard.document\", \"title\": \"Note %u\","
        " \"site\": \"https://example.com\", \"publishedAt\": \"2026-01-01T10:00:00.000Z\","
        " \"textContent\": \"Note number %u.\", \"content\": {\"$type\": \"at.markpub.markdown\","
        " \"flavor\": \"gfm\", \"text\": {\"$type\": \"at.markpub.text\", \"markdown\": \"Note number %u.\"}}}",
        i, i, i);

      json_object_set_string_member (write, "$type", "com.atproto.repo.applyWrites#create");
      json_object_set_string_member (write, "collection", "site.standard.document");
      json_object_set_object_member (write, "value", parse (json));
      json_array_add_object_element (writes, write);
    }
  json_object_set_string_member (writes_input, "repo", did);
  json_object_set_array_member (writes_input, "writes", writes);
  answer = pds_call ("POST", "com.atproto.repo.applyWrites", NULL, writes_input, &error);
  g_assert_no_error (error);
}

/* Runs the real `byline` with the account's credentials (or none) in @cwd; returns its exit
 * status. */
static int
run_byline (const char  *cwd,
            gboolean     credentials,
            char       **out,
            char       **err,
            ...)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *arg;
  va_list args;

  g_ptr_array_add (argv, (gpointer) g_getenv ("BYLINE_BINARY"));
  va_start (args, err);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_set_cwd (launcher, cwd ? cwd : work_dir);
  g_subprocess_launcher_unsetenv (launcher, "BYLINE_PDS");
  g_subprocess_launcher_setenv (launcher, "BYLINE_PLC_DIRECTORY", plc_url, TRUE);
  if (credentials)
    {
      g_subprocess_launcher_setenv (launcher, "BYLINE_IDENTIFIER", did, TRUE);
      g_subprocess_launcher_setenv (launcher, "BYLINE_APP_PASSWORD", app_password, TRUE);
    }
  else
    {
      g_subprocess_launcher_unsetenv (launcher, "BYLINE_IDENTIFIER");
      g_subprocess_launcher_unsetenv (launcher, "BYLINE_APP_PASSWORD");
    }
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, out, err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  if (err != NULL && *err != NULL && **err != '\0')
    g_test_message ("stderr: %s", *err);

  return g_subprocess_get_exit_status (process);
}

static void
count_cb (GObject    *object,
          GParamSpec *pspec,
          gpointer    user_data)
{
  (*(guint *) user_data)++;
}

/* `byline --list` gives every document, past the first page of 100; the library follows
 * the cursor page by page, its count growing as they come. */
static void
test_list (void)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *json_out = NULL;
  g_autofree char *expected = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GHashTable) uris = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(BylineLibrary) library = byline_library_new (client);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonArray) records = NULL;
  g_autoptr(GError) error = NULL;
  JsonArray *listed;
  guint notified = 0;
  gboolean found = FALSE;

  write_records ();

  g_assert_cmpint (run_byline (NULL, FALSE, NULL, &err, "--list", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "BYLINE_IDENTIFIER"));

  g_assert_cmpint (run_byline (NULL, TRUE, &out, NULL, "--list", NULL), ==, 0);
  lines = g_strsplit (out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, N_OTHER_RECORDS + 2);
  g_assert_cmpstr (lines[N_OTHER_RECORDS + 1], ==, "");
  for (guint i = 0; i <= N_OTHER_RECORDS; i++)
    {
      g_auto(GStrv) columns = g_strsplit (lines[i], "\t", -1);

      g_assert_cmpuint (g_strv_length (columns), ==, 3);
      g_assert_true (g_str_has_prefix (columns[0], "at://"));
      g_hash_table_add (uris, g_strdup (columns[0]));
    }
  g_assert_cmpuint (g_hash_table_size (uris), ==, N_OTHER_RECORDS + 1);
  expected = g_strdup_printf ("%s\tGulls on the Wall\t2026-03-05T20:30:00.000Z", gulls_uri);
  for (guint i = 0; lines[i] != NULL; i++)
    found |= g_str_equal (lines[i], expected);
  g_assert_true (found);

  g_assert_cmpint (run_byline (NULL, TRUE, &json_out, NULL, "--list", "--json", NULL), ==, 0);
  json_parser_load_from_data (parser, json_out, -1, &error);
  g_assert_no_error (error);
  listed = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (listed), ==, N_OTHER_RECORDS + 1);
  found = FALSE;
  for (guint i = 0; i < json_array_get_length (listed); i++)
    {
      JsonObject *entry = json_array_get_object_element (listed, i);

      if (g_strcmp0 (json_object_get_string_member (entry, "uri"), gulls_uri) != 0)
        continue;
      found = TRUE;
      g_assert_cmpstr (json_object_get_string_member (entry, "path"), ==, "/gulls/");
      g_assert_cmpstr (json_object_get_string_member (entry, "contentType"), ==, "pub.leaflet.content");
      g_assert_nonnull (json_object_get_string_member (entry, "cid"));
    }
  g_assert_true (found);

  /* Eleven pages of ten: the count grows with each. */
  byline_library_set_page_size (library, 10);
  g_signal_connect (library, "notify::n-loaded", G_CALLBACK (count_cb), &notified);
  byline_library_list_async (library, "site.standard.document", NULL, pds_store_result_cb, &result);
  records = byline_library_list_finish (library, pds_wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (records), ==, N_OTHER_RECORDS + 1);
  g_assert_cmpuint (byline_library_get_n_loaded (library), ==, N_OTHER_RECORDS + 1);
  g_assert_cmpuint (notified, ==, 11);
}

static void
assert_file (const char   *path,
             const guint8 *data,
             gsize         size)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpmem (contents, length, data, size);
}

/* `byline --pull` makes the article folder: the article named from the path, linked to the
 * record, the cover and both images downloaded and referred to. */
static void
test_pull (void)
{
  g_autofree char *folder = g_build_filename (work_dir, "pulled", NULL);
  g_autofree char *out = NULL;
  g_autofree char *again = NULL;
  g_autofree char *err = NULL;
  g_autofree char *text = NULL;
  g_autofree char *png_cid = byline_cid_for_blob (png, sizeof png);
  g_autofree char *gif_cid = byline_cid_for_blob (gif, sizeof gif);
  g_autofree char *png_name = g_strdup_printf ("images/%s.png", png_cid + strlen (png_cid) - 12);
  g_autofree char *gif_name = g_strdup_printf ("images/%s.gif", gif_cid + strlen (gif_cid) - 12);
  g_autofree char *png_path = g_build_filename (folder, png_name, NULL);
  g_autofree char *gif_path = g_build_filename (folder, gif_name, NULL);
  g_autofree char *cover_path = g_build_filename (folder, "images", "cover.png", NULL);
  g_autofree char *expected_body = NULL;
  g_autofree char *default_out = NULL;
  g_autofree char *default_path = g_build_filename (work_dir, "gulls", "gulls.md", NULL);
  g_autoptr(BylineMetadata) metadata = NULL;
  g_autoptr(JsonObject) answer = get_record (gulls_rkey);
  g_autoptr(GError) error = NULL;
  gsize offset = 0;

  /* Without credentials, the record is read from the PDS its DID names. */
  g_assert_cmpint (run_byline (NULL, FALSE, &out, NULL, "--pull", gulls_uri, "--output", folder, NULL), ==, 0);
  pulled_path = g_build_filename (folder, "gulls.md", NULL);
  g_assert_cmpstr (g_strchomp (out), ==, pulled_path);

  g_assert_true (g_file_get_contents (pulled_path, &text, NULL, NULL));
  metadata = byline_front_matter_parse (text, strlen (text), &offset, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (byline_metadata_get_record_uri (metadata), ==, gulls_uri);
  g_assert_cmpstr (byline_metadata_get_record_cid (metadata), ==,
                   json_object_get_string_member (answer, "cid"));
  g_assert_cmpstr (byline_metadata_get_title (metadata), ==, "Gulls on the Wall");
  g_assert_cmpstr (byline_metadata_get_cover_image (metadata), ==, "images/cover.png");
  expected_body = g_strdup_printf ("Two gulls sat on the harbour wall at dawn.\n\n"
                                   "![The wall](%s)\n\n"
                                   "Then they flew off.\n\n"
                                   "![Gulls](%s)\n", png_name, gif_name);
  g_assert_cmpstr (text + offset, ==, expected_body);

  assert_file (cover_path, png, sizeof png);
  assert_file (png_path, png, sizeof png);
  assert_file (gif_path, gif, sizeof gif);

  /* An article already there is never replaced. */
  g_assert_cmpint (run_byline (NULL, TRUE, &again, &err, "--pull", gulls_uri, "--output", folder, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "already exists"));

  /* Without --output, a folder named as the article, here. */
  g_assert_cmpint (run_byline (NULL, TRUE, &default_out, NULL, "--pull", gulls_uri, NULL), ==, 0);
  g_assert_true (g_file_test (default_path, G_FILE_TEST_IS_REGULAR));

  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_byline (NULL, TRUE, NULL, &err, "--pull", "https://example.com", NULL), ==, 2);
}

static void
replace_in_file (const char *path,
                 const char *from,
                 const char *to)
{
  g_autofree char *text = NULL;
  GString *edited;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  edited = g_string_new (text);
  g_assert_cmpuint (g_string_replace (edited, from, to, 0), >, 0);
  g_assert_true (g_file_set_contents (path, edited->str, edited->len, NULL));
  g_string_free (edited, TRUE);
}

/* The pulled article is the record; an edit is shown word by word; publishing replaces the
 * record in place, and then nothing differs. */
static void
test_diff_and_publish (void)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *publish_out = NULL;
  g_autofree char *after = NULL;
  g_autofree char *expected_publish = NULL;
  g_autoptr(JsonObject) before = get_record (gulls_rkey);
  g_autoptr(JsonObject) answer = NULL;
  g_autoptr(JsonNode) content = NULL;
  g_autofree char *content_json = NULL;
  JsonObject *value;

  g_assert_cmpint (run_byline (NULL, FALSE, &out, &err, "--diff", pulled_path, NULL), ==, 0);
  g_assert_cmpstr (out, ==, "");

  replace_in_file (pulled_path, "title: Gulls on the Wall", "title: Gulls at Dawn");
  replace_in_file (pulled_path, "Then they flew off.", "Then they flew out to sea.");
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run_byline (NULL, TRUE, &out, NULL, "--diff", pulled_path, NULL), ==, 1);
  g_test_message ("%s", out);
  g_assert_nonnull (strstr (out, "@@ title @@\n-Gulls on the Wall\n+Gulls at Dawn\n"));
  g_assert_nonnull (strstr (out, "~Then they flew [-off.-]{+out to sea.+}\n"));
  g_assert_null (strstr (out, "changed on the PDS"));

  g_assert_cmpint (run_byline (NULL, TRUE, &publish_out, NULL, "--publish", pulled_path, NULL), ==, 0);
  answer = get_record (gulls_rkey);
  expected_publish = g_strdup_printf ("%s %s\n", gulls_uri, json_object_get_string_member (answer, "cid"));
  g_assert_cmpstr (publish_out, ==, expected_publish);
  g_assert_cmpstr (json_object_get_string_member (answer, "cid"), !=,
                   json_object_get_string_member (before, "cid"));
  value = json_object_get_object_member (answer, "value");
  g_assert_cmpstr (json_object_get_string_member (value, "title"), ==, "Gulls at Dawn");
  content = json_node_init_object (json_node_alloc (), json_object_get_object_member (value, "content"));
  content_json = json_to_string (content, FALSE);
  g_assert_nonnull (strstr (content_json, "Then they flew out to sea."));
  g_assert_nonnull (strstr (content_json, "pub.leaflet.blocks.image"));
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (
                     json_object_get_object_member (value, "coverImage"), "ref"), "$link"), ==,
                   json_object_get_string_member (json_object_get_object_member (
                     json_object_get_object_member (json_object_get_object_member (before, "value"),
                                                    "coverImage"), "ref"), "$link"));

  g_assert_cmpint (run_byline (NULL, TRUE, &after, NULL, "--diff", pulled_path, NULL), ==, 0);
  g_assert_cmpstr (after, ==, "");
}

/* Another app changes the record after the pull: the diff says so, and publishing refuses
 * to replace it. */
static void
test_changed_on_pds (void)
{
  g_autoptr(JsonObject) answer = get_record (gulls_rkey);
  g_autoptr(JsonObject) after = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *article_before = NULL;
  g_autofree char *article_after = NULL;
  JsonObject *value = json_object_get_object_member (answer, "value");

  json_object_set_string_member (value, "title", "Gulls (edited elsewhere)");
  put_record (gulls_rkey, value);

  g_assert_cmpint (run_byline (NULL, TRUE, &out, NULL, "--diff", pulled_path, NULL), ==, 1);
  g_assert_true (g_str_has_prefix (out, "# The record changed on the PDS"));
  g_assert_nonnull (strstr (out, "@@ title @@\n-Gulls (edited elsewhere)\n+Gulls at Dawn\n"));

  g_assert_true (g_file_get_contents (pulled_path, &article_before, NULL, NULL));
  g_assert_cmpint (run_byline (NULL, TRUE, NULL, &err, "--publish", pulled_path, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "changed elsewhere"));
  after = get_record (gulls_rkey);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (after, "value"), "title"),
                   ==, "Gulls (edited elsewhere)");
  g_assert_true (g_file_get_contents (pulled_path, &article_after, NULL, NULL));
  g_assert_cmpstr (article_after, ==, article_before);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  if (argc < 2)
    {
      g_printerr ("usage: test-publish-library SETUP-SCRIPT\n");
      return 2;
    }
  setup_script = argv[1];

  work_dir = g_dir_make_tmp ("byline-library-XXXXXX", &error);
  g_assert_no_error (error);

  pds_start ();
  pds_create_account ();

  g_test_add_func ("/Byline/Library/list", test_list);
  g_test_add_func ("/Byline/Library/pull", test_pull);
  g_test_add_func ("/Byline/Library/diff-and-publish", test_diff_and_publish);
  g_test_add_func ("/Byline/Library/changed-on-pds", test_changed_on_pds);
  status = g_test_run ();

  pds_stop ();
  g_clear_object (&client);
  pds_remove_tree (work_dir);

  return status;
}
