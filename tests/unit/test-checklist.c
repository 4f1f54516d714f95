/* test-checklist.c
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

#include "byline-checklist.h"
#include "byline-record.h"

#define SITE "at://did:plc:abc/site.standard.publication/3lpub"

static void
write_file (const char *folder,
            const char *name,
            const char *data,
            gsize       length)
{
  g_autofree char *path = g_build_filename (folder, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, data, length, &error);
  g_assert_no_error (error);
}

static GFile *
make_folder (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_dir_make_tmp ("byline-checklist-XXXXXX", &error);
  g_autofree char *big = g_malloc0 (1200000);
  g_autofree char *images = NULL;

  g_assert_no_error (error);
  images = g_build_filename (path, "images", NULL);
  g_assert_cmpint (g_mkdir (images, 0700), ==, 0);
  /* The checklist goes by the file's size, not its pixels. */
  write_file (path, "images/big.png", big, 1200000);
  write_file (path, "images/small.png", "png", 3);
  write_file (path, "other.md", "# Other", 7);

  return g_file_new_for_path (path);
}

static void
remove_folder (GFile *folder)
{
  g_autofree char *path = g_file_get_path (folder);
  g_autofree char *images = g_build_filename (path, "images", NULL);
  const char *names[] = { "images/big.png", "images/small.png", "other.md" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *file = g_build_filename (path, names[i], NULL);

      g_remove (file);
    }
  g_rmdir (images);
  g_rmdir (path);
}

static guint
count_kind (GPtrArray       *items,
            BylineCheckKind  kind)
{
  guint n = 0;

  for (guint i = 0; i < items->len; i++)
    if (((BylineCheckItem *)g_ptr_array_index (items, i))->kind == kind)
      n++;

  return n;
}

static const BylineCheckItem *
find_kind (GPtrArray       *items,
           BylineCheckKind  kind)
{
  for (guint i = 0; i < items->len; i++)
    if (((BylineCheckItem *)g_ptr_array_index (items, i))->kind == kind)
      return g_ptr_array_index (items, i);

  g_assert_not_reached ();
  return NULL;
}

static GPtrArray *
check (const char *text,
       GFile      *folder)
{
  GPtrArray *items = byline_checklist_check (text, strlen (text), folder);

  g_assert_nonnull (items);
  return items;
}

static void
test_clean (void)
{
  g_autoptr(GFile) folder = make_folder ();
  g_autoptr(GPtrArray) items = check ("---\ntitle: Night trains\ndescription: Back on the rails\n"
                                      "site: https://example.org\n"
                                      "---\n\n![A sleeper car](images/small.png)\n\n"
                                      "See [the other](other.md#top), [the web](https://x.org) "
                                      "and [above](#intro).\n", folder);

  for (guint i = 0; i < items->len; i++)
    g_test_message ("%s", ((BylineCheckItem *)g_ptr_array_index (items, i))->message);
  g_assert_cmpuint (items->len, ==, 0);
  g_assert_false (byline_checklist_has_blockers (items));
  remove_folder (folder);
}

static void
test_fields (void)
{
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GString) title = g_string_new ("title: ");
  g_autoptr(GString) text = g_string_new ("---\n");
  const BylineCheckItem *item;

  /* 70 characters is what a card shows; 71 is one too many. Graphemes, not bytes. */
  for (guint i = 0; i < 70; i++)
    g_string_append (title, "é");
  g_string_append_printf (text, "%s\ndescription: Fine\nsite: https://example.org\n---\nText\n",
                          title->str);
  items = check (text->str, NULL);
  g_assert_cmpuint (count_kind (items, BYLINE_CHECK_LONG_TITLE), ==, 0);
  g_clear_pointer (&items, g_ptr_array_unref);

  g_string_insert (text, 11, "e");
  items = check (text->str, NULL);
  item = find_kind (items, BYLINE_CHECK_LONG_TITLE);
  g_assert_cmpstr (item->field, ==, "title");
  g_assert_false (item->blocker);
  g_assert_nonnull (strstr (item->message, "71"));
  g_clear_pointer (&items, g_ptr_array_unref);

  /* No description, or only spaces. */
  items = check ("---\ntitle: A\n---\nText\n", NULL);
  item = find_kind (items, BYLINE_CHECK_NO_DESCRIPTION);
  g_assert_cmpstr (item->field, ==, "description");
  g_assert_false (item->blocker);
  g_clear_pointer (&items, g_ptr_array_unref);
  items = check ("---\ntitle: A\ndescription: '  '\nsite: https://example.org\n---\nText\n",
                 NULL);
  g_assert_cmpuint (count_kind (items, BYLINE_CHECK_NO_DESCRIPTION), ==, 1);
  g_assert_false (byline_checklist_has_blockers (items));
}

static void
test_references (void)
{
  g_autoptr(GFile) folder = make_folder ();
  g_autoptr(GPtrArray) items = check ("---\ntitle: A\ndescription: B\n"
                                      "site: https://example.org\n---\n\nIntro.\n\n"
                                      "Text ![](images/small.png) and more.\n\n"
                                      "![Gone](images/gone.png)\n\n"
                                      "- see [notes](notes/missing.md)\n"
                                      "- and [site](/about) and [ok](other.md?x=1)\n\n"
                                      "![Huge](images/big.png)\n", folder);
  const BylineCheckItem *item;

  g_assert_cmpuint (items->len, ==, 4);
  g_assert_false (byline_checklist_has_blockers (items));

  /* The places are the reference's, in characters from 1. */
  item = find_kind (items, BYLINE_CHECK_IMAGE_ALT);
  g_assert_cmpuint (item->line, ==, 9);
  g_assert_cmpuint (item->column, ==, 10);
  g_assert_null (item->field);

  item = find_kind (items, BYLINE_CHECK_IMAGE_MISSING);
  g_assert_cmpuint (item->line, ==, 11);
  g_assert_cmpuint (item->column, ==, 9);
  g_assert_nonnull (strstr (item->message, "images/gone.png"));

  item = find_kind (items, BYLINE_CHECK_LINK_MISSING);
  g_assert_cmpuint (item->line, ==, 13);
  g_assert_cmpuint (item->column, ==, 15);

  item = find_kind (items, BYLINE_CHECK_IMAGE_TOO_LARGE);
  g_assert_cmpuint (item->line, ==, 16);
  g_assert_true (g_str_has_suffix (item->target, "images/big.png"));
  g_assert_nonnull (strstr (item->message, "1200000"));

  /* In order of the article. */
  for (guint i = 1; i < items->len; i++)
    g_assert_cmpuint (((BylineCheckItem *)g_ptr_array_index (items, i - 1))->line, <,
                      ((BylineCheckItem *)g_ptr_array_index (items, i))->line);
  remove_folder (folder);
}

static void
test_leaflet_images_block (void)
{
  g_autoptr(GFile) folder = make_folder ();
  g_autoptr(GPtrArray) items = check ("---\ntitle: A\ndescription: B\n"
                                      "site: https://example.org\ncontentFormat: leaflet\n"
                                      "---\n\n![Huge](images/big.png)\n", folder);
  const BylineCheckItem *item;

  /* Leaflet content uploads its images: the record's own problem makes the listed item a
   * blocker, without a second item. */
  g_assert_cmpuint (items->len, ==, 1);
  item = find_kind (items, BYLINE_CHECK_IMAGE_TOO_LARGE);
  g_assert_true (item->blocker);
  g_assert_cmpuint (item->line, ==, 8);
  remove_folder (folder);
}

static void
test_review_marks (void)
{
  g_autoptr(GPtrArray) items = check ("---\ntitle: A\ndescription: B\n"
                                      "site: https://example.org\n---\n"
                                      "One {++two ++}three.\n\nÜber {>>check this<<}\n", NULL);
  const BylineCheckItem *first, *second;

  g_assert_cmpuint (count_kind (items, BYLINE_CHECK_REVIEW_MARK), ==, 2);
  g_assert_true (byline_checklist_has_blockers (items));
  first = g_ptr_array_index (items, 0);
  second = g_ptr_array_index (items, 1);
  g_assert_true (first->blocker);
  g_assert_cmpuint (first->line, ==, 6);
  g_assert_cmpuint (first->column, ==, 5);
  g_assert_cmpuint (second->line, ==, 8);
  g_assert_cmpuint (second->column, ==, 6);
}

static void
test_record_blockers (void)
{
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GString) text = g_string_new ("---\ntitle: A\nsite: https://example.org\n"
                                          "description: ");
  const BylineCheckItem *item;

  /* Over the lexicon's 3000 graphemes: the record would be rejected. */
  for (guint i = 0; i < 3001; i++)
    g_string_append_c (text, 'x');
  g_string_append (text, "\n---\nText\n");
  items = check (text->str, NULL);
  item = g_ptr_array_index (items, 0);
  g_assert_cmpint (item->kind, ==, BYLINE_CHECK_RECORD);
  g_assert_true (item->blocker);
  g_assert_cmpstr (item->field, ==, "description");
  g_clear_pointer (&items, g_ptr_array_unref);

  /* A front matter that does not parse blocks, at its start; the body is still checked. */
  items = check ("---\ntitle: [unclosed\n---\n![](a.png)\n", NULL);
  item = g_ptr_array_index (items, 0);
  g_assert_true (item->blocker);
  g_assert_cmpuint (item->line, ==, 1);
  g_assert_cmpuint (count_kind (items, BYLINE_CHECK_IMAGE_ALT), ==, 1);
  g_assert_cmpuint (find_kind (items, BYLINE_CHECK_IMAGE_ALT)->line, ==, 4);
}

static GPtrArray *
new_items (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify)byline_check_item_free);
}

static JsonArray *
records (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);

  return json_array_ref (json_node_get_array (json_parser_get_root (parser)));
}

static void
test_same_path (void)
{
  g_autoptr(JsonArray) listed = records (
    "[{\"uri\":\"at://did:plc:abc/site.standard.document/own\",\"cid\":\"c1\",\"value\":"
    "  {\"site\":\"" SITE "\",\"path\":\"/night-trains\",\"title\":\"Mine\"}},"
    " {\"uri\":\"at://did:plc:abc/site.standard.document/dup\",\"cid\":\"c2\",\"value\":"
    "  {\"site\":\"" SITE "\",\"path\":\"night-trains/\",\"title\":\"Old trains\"}},"
    " {\"uri\":\"at://did:plc:abc/site.standard.document/elsewhere\",\"cid\":\"c3\",\"value\":"
    "  {\"site\":\"https://other.example\",\"path\":\"/night-trains\",\"title\":\"Other\"}},"
    " {\"uri\":\"at://did:plc:abc/site.standard.document/fine\",\"cid\":\"c4\",\"value\":"
    "  {\"site\":\"" SITE "\",\"path\":\"/day-trains\",\"title\":\"Day\"}}]");
  const char *article = "---\ntitle: Night Trains\nsite: " SITE "\n---\nText\n";
  g_autoptr(GPtrArray) items = new_items ();
  const BylineCheckItem *item;

  /* The path comes from the title when the front matter has none; slashes at either end do
   * not count; the article's own record and other publications are not duplicates. */
  byline_checklist_add_same_path (items, article, strlen (article),
                                  "at://did:plc:abc/site.standard.document/own", listed);
  g_assert_cmpuint (items->len, ==, 1);
  item = g_ptr_array_index (items, 0);
  g_assert_cmpint (item->kind, ==, BYLINE_CHECK_SAME_PATH);
  g_assert_cmpstr (item->target, ==, "at://did:plc:abc/site.standard.document/dup");
  g_assert_cmpstr (item->field, ==, "path");
  g_assert_false (item->blocker);
  g_assert_nonnull (strstr (item->message, "Old trains"));

  /* Not published yet: its own record is not there, the duplicate still is. */
  g_ptr_array_set_size (items, 0);
  byline_checklist_add_same_path (items, article, strlen (article), NULL, listed);
  g_assert_cmpuint (items->len, ==, 2);

  /* Without a publication there is nothing to collide with. */
  g_ptr_array_set_size (items, 0);
  article = "---\ntitle: Night Trains\n---\n";
  byline_checklist_add_same_path (items, article, strlen (article), NULL, listed);
  g_assert_cmpuint (items->len, ==, 0);
}

/* The listing as the PDS gives it, with the record @article publishes as it is now. */
static JsonArray *
published (const char *article,
           const char *uri)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *json = byline_record_export (article, strlen (article), NULL,
                                                BYLINE_RECORD_EXPORT_DEFAULT, NULL, NULL, &error);
  g_autofree char *listing = NULL;

  g_assert_no_error (error);
  listing = g_strdup_printf ("[{\"uri\":\"%s\",\"cid\":\"c\",\"value\":%s}]", uri, json);

  return records (listing);
}

static void
test_unpublished (void)
{
  const char *same = "---\ntitle: B\nsite: " SITE "\npath: /b\n"
                     "publishedAt: 2026-01-01T10:00:00.000Z\n"
                     "atUri: at://did:plc:abc/site.standard.document/b\n---\nSame text.\n";
  const char *changed = "---\ntitle: B\nsite: " SITE "\npath: /b\n"
                        "publishedAt: 2026-01-01T10:00:00.000Z\n"
                        "atUri: at://did:plc:abc/site.standard.document/b\n---\nNew text.\n";
  const char *never = "---\ntitle: C\nsite: " SITE "\n---\nDraft.\n";
  const char *elsewhere = "---\ntitle: D\nsite: https://other.example\n---\nDraft.\n";
  g_autoptr(JsonArray) listed = published (same, "at://did:plc:abc/site.standard.document/b");
  g_autoptr(GPtrArray) items = new_items ();
  const BylineCheckItem *item;

  g_assert_false (byline_checklist_add_unpublished (items, SITE, "b.md", same, strlen (same),
                                                    NULL, listed));
  g_assert_cmpuint (items->len, ==, 0);

  g_assert_true (byline_checklist_add_unpublished (items, SITE, "b.md", changed,
                                                   strlen (changed), NULL, listed));
  item = g_ptr_array_index (items, 0);
  g_assert_cmpint (item->kind, ==, BYLINE_CHECK_OTHER_UNPUBLISHED);
  g_assert_cmpstr (item->target, ==, "b.md");
  g_assert_false (item->blocker);

  g_assert_true (byline_checklist_add_unpublished (items, SITE, "c.md", never, strlen (never),
                                                   NULL, listed));
  g_assert_false (byline_checklist_add_unpublished (items, SITE, "d.md", elsewhere,
                                                    strlen (elsewhere), NULL, listed));
  g_assert_cmpuint (items->len, ==, 2);
}

static void
check_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  GPtrArray **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = byline_checklist_check_finish (result, &error);
  g_assert_no_error (error);
}

static void
test_async (void)
{
  const char *article = "---\ntitle: A\n---\n![](x.png)\n";
  g_autoptr(GBytes) text = g_bytes_new_static (article, strlen (article));
  g_autoptr(GPtrArray) items = NULL;

  byline_checklist_check_async (text, NULL, NULL, check_cb, &items);
  while (items == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (count_kind (items, BYLINE_CHECK_IMAGE_ALT), ==, 1);
  g_assert_cmpuint (count_kind (items, BYLINE_CHECK_NO_DESCRIPTION), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/checklist/clean", test_clean);
  g_test_add_func ("/checklist/fields", test_fields);
  g_test_add_func ("/checklist/references", test_references);
  g_test_add_func ("/checklist/leaflet-images-block", test_leaflet_images_block);
  g_test_add_func ("/checklist/review-marks", test_review_marks);
  g_test_add_func ("/checklist/record-blockers", test_record_blockers);
  g_test_add_func ("/checklist/same-path", test_same_path);
  g_test_add_func ("/checklist/unpublished", test_unpublished);
  g_test_add_func ("/checklist/async", test_async);

  return g_test_run ();
}
