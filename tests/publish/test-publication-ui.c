/* test-publication-ui.c
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

/* The Publications dialog against the reference PDS, as a writer uses it: a publication
 * created with a theme and discovery off, edited in place, its proofs shown exactly (the
 * well-known file's body, a document's link tag), and Check saying why they are not in place
 * on a site that cannot be reached. */

#include "config.h"

#include <string.h>

#include "byline-account.h"
#include "byline-account-dialog.h"
#include "byline-application.h"
#include "byline-checklist-view.h"
#include "byline-page.h"
#include "byline-publication-dialog.h"
#include "byline-publish-dialog.h"
#include "byline-test-utils.h"
#include "byline-tid.h"
#include "byline-window.h"
#include "pds-fixture.h"

/* Nothing listens on port 1: the Check cannot reach the site. */
#define SITE "https://127.0.0.1:1"

static BylineApplication *app;

static void
sign_in_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  BylineAccount **account = user_data;
  g_autoptr(GError) error = NULL;

  *account = byline_account_sign_in_finish (result, &error);
  g_assert_no_error (error);
}

static gboolean
not_busy (gpointer data)
{
  return !byline_publication_dialog_get_busy (data);
}

static guint
n_rows (GtkListBox *list_box)
{
  guint n = 0;

  while (gtk_list_box_get_row_at_index (list_box, n) != NULL)
    n++;

  return n;
}

static const char *
subtitle (GtkListBox *list_box,
          guint       index)
{
  return adw_action_row_get_subtitle (ADW_ACTION_ROW (gtk_list_box_get_row_at_index (list_box,
                                                                                       index)));
}

static void
set_row_text (GtkWidget  *root,
              const char *title,
              const char *text)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (ADW_IS_ENTRY_ROW (child) &&
          g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (child)), title) == 0)
        {
          gtk_editable_set_text (GTK_EDITABLE (child), text);
          return;
        }
      set_row_text (child, title, text);
    }
}

static GtkWidget *
find_switch (GtkWidget  *root,
             const char *title)
{
  if (ADW_IS_SWITCH_ROW (root) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (root)), title) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_switch (child, title);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static JsonObject *
get_record (const char *uri)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *rkey = NULL;
  g_autofree char *query = NULL;
  JsonObject *answer;

  g_assert_true (byline_xrpc_parse_at_uri (uri, NULL, NULL, &rkey));
  query = g_strdup_printf ("repo=%s&collection=site.standard.publication&rkey=%s", did, rkey);
  answer = pds_call ("GET", "com.atproto.repo.getRecord", query, NULL, &error);
  g_assert_no_error (error);

  return answer;
}

static void
put_document (const char *site)
{
  g_autoptr(JsonObject) input = json_object_new ();
  g_autoptr(JsonObject) answer = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *rkey = byline_tid_next ();
  JsonObject *value = json_object_new ();

  json_object_set_string_member (value, "$type", "site.standard.document");
  json_object_set_string_member (value, "site", site);
  json_object_set_string_member (value, "title", "Harbour at Dawn");
  json_object_set_string_member (value, "path", "/harbour-at-dawn");
  json_object_set_string_member (value, "publishedAt", "2026-03-05T20:30:00.000Z");
  json_object_set_string_member (input, "repo", did);
  json_object_set_string_member (input, "collection", "site.standard.document");
  json_object_set_string_member (input, "rkey", rkey);
  json_object_set_object_member (input, "record", value);
  answer = pds_call ("POST", "com.atproto.repo.putRecord", NULL, input, &error);
  g_assert_no_error (error);
}

static void
test_publication_dialog (void)
{
  BylineWindow *window = byline_window_new (GTK_APPLICATION (app));
  g_autoptr(BylineAccount) account = NULL;
  g_autoptr(JsonObject) created = NULL;
  g_autoptr(JsonObject) edited = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *tag = NULL;
  BylinePublicationDialog *dialog;
  GtkListBox *verify;
  JsonObject *value;

  byline_account_sign_in_async (did, app_password, pds_url, plc_url, NULL, sign_in_cb, &account);
  while (account == NULL)
    g_main_context_iteration (NULL, TRUE);

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  dialog = BYLINE_PUBLICATION_DIALOG (byline_publication_dialog_new (account));
  adw_dialog_present (ADW_DIALOG (dialog), GTK_WIDGET (window));
  byline_test_wait_until (not_busy, dialog, "the publications to be listed");
  g_assert_cmpuint (n_rows (byline_publication_dialog_get_list_box (dialog)), ==, 0);

  /* A new publication, with a theme and out of discovery feeds. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "publication.new", NULL));
  set_row_text (GTK_WIDGET (dialog), "Name", "Harbour Notes");
  set_row_text (GTK_WIDGET (dialog), "Address (https://…)", SITE "/");
  set_row_text (GTK_WIDGET (dialog), "Description", "Walks by the sea");
  adw_switch_row_set_active (ADW_SWITCH_ROW (find_switch (GTK_WIDGET (dialog),
                                                          "Use These _Colours")), TRUE);
  adw_switch_row_set_active (ADW_SWITCH_ROW (find_switch (GTK_WIDGET (dialog),
                                                          "Show in _Discovery Feeds")), FALSE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "publication.save", NULL));
  byline_test_wait_for_label (GTK_WIDGET (dialog), "Saved");
  byline_test_wait_until (not_busy, dialog, "the publications to be listed again");
  g_assert_cmpuint (n_rows (byline_publication_dialog_get_list_box (dialog)), ==, 1);

  /* The well-known file's body is the record's AT-URI, exactly. */
  verify = byline_publication_dialog_get_verify_list (dialog);
  g_assert_cmpuint (n_rows (verify), ==, 1);
  uri = g_strdup (subtitle (verify, 0));
  g_assert_true (g_str_has_prefix (uri, "at://"));
  created = get_record (uri);
  value = json_object_get_object_member (created, "value");
  g_assert_cmpstr (json_object_get_string_member (value, "name"), ==, "Harbour Notes");
  g_assert_cmpstr (json_object_get_string_member (value, "url"), ==, SITE);
  g_assert_true (json_object_has_member (value, "basicTheme"));
  g_assert_false (json_object_get_boolean_member (json_object_get_object_member (value,
                                                                                 "preferences"),
                                                  "showInDiscover"));

  /* Edited in place, after another app wrote a document of the publication. */
  put_document (uri);
  set_row_text (GTK_WIDGET (dialog), "Name", "Harbour Notes, Weekly");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "publication.save", NULL));
  byline_test_wait_until (not_busy, dialog, "the publication to be saved");
  byline_test_wait_for_label (GTK_WIDGET (dialog), "Saved");
  edited = get_record (uri);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (edited, "value"),
                                                  "name"), ==, "Harbour Notes, Weekly");
  g_assert_cmpstr (json_object_get_string_member (edited, "cid"), !=,
                   json_object_get_string_member (created, "cid"));

  /* The document's link tag, exactly. */
  g_assert_cmpuint (n_rows (verify), ==, 2);
  g_assert_true (g_str_has_prefix (subtitle (verify, 1),
                                   "<link rel=\"site.standard.document\" href=\"at://"));
  g_assert_true (g_str_has_suffix (subtitle (verify, 1), "\">"));
  byline_test_save_screenshot (GTK_WIDGET (window), "publication-dialog.png");

  /* Check: the site cannot be reached, and each row says so. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "publication.check", NULL));
  byline_test_wait_until (not_busy, dialog, "the check to end");
  g_assert_cmpuint (n_rows (verify), ==, 2);
  g_assert_nonnull (strstr (subtitle (verify, 0), "could not be reached"));
  g_assert_nonnull (strstr (subtitle (verify, 1), "could not be reached"));
  g_assert_true (g_str_has_prefix (subtitle (verify, 0), uri));
  if (g_getenv ("BYLINE_TEST_SCREENSHOTS") != NULL)
    {
      GtkWidget *scrolled = gtk_widget_get_ancestor (GTK_WIDGET (verify),
                                                     GTK_TYPE_SCROLLED_WINDOW);
      GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (
        GTK_SCROLLED_WINDOW (scrolled));

      gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
      byline_test_save_screenshot (GTK_WIDGET (window), "publication-verify.png");
    }

  adw_dialog_force_close (ADW_DIALOG (dialog));
  byline_test_close_window (window);
}

static char *
put_record (const char *collection,
            JsonObject *value)
{
  g_autoptr(JsonObject) input = json_object_new ();
  g_autoptr(JsonObject) answer = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *rkey = byline_tid_next ();

  json_object_set_string_member (input, "repo", did);
  json_object_set_string_member (input, "collection", collection);
  json_object_set_string_member (input, "rkey", rkey);
  json_object_set_object_member (input, "record", value);
  answer = pds_call ("POST", "com.atproto.repo.putRecord", NULL, input, &error);
  g_assert_no_error (error);

  return g_strdup (json_object_get_string_member (answer, "uri"));
}

static JsonObject *
document_value (const char *title,
                const char *path,
                const char *text)
{
  JsonObject *value = json_object_new ();

  json_object_set_string_member (value, "$type", "site.standard.document");
  json_object_set_string_member (value, "site", "https://harbour.example");
  json_object_set_string_member (value, "title", title);
  json_object_set_string_member (value, "path", path);
  json_object_set_string_member (value, "publishedAt", "2026-03-05T20:30:00.000Z");
  json_object_set_string_member (value, "textContent", text);

  return value;
}

typedef struct
{
  GtkListBox *list_box;
  const char *title;
} RowWait;

static GtkListBoxRow *
row_titled (GtkListBox *list_box,
            const char *title)
{
  for (guint i = 0; i < n_rows (list_box); i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (list_box, i);

      if (g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), title) == 0)
        return row;
    }

  return NULL;
}

static gboolean
has_row (gpointer data)
{
  RowWait *wait = data;

  return row_titled (wait->list_box, wait->title) != NULL;
}

static guint
count_titled (GtkListBox *list_box,
              const char *title)
{
  guint n = 0;

  for (guint i = 0; i < n_rows (list_box); i++)
    if (g_strcmp0 (adw_preferences_row_get_title (
          ADW_PREFERENCES_ROW (gtk_list_box_get_row_at_index (list_box, i))), title) == 0)
      n++;

  return n;
}

static gboolean
has_two_same_path (gpointer data)
{
  return count_titled (data, "Same path as another document") == 2;
}

static gboolean
document_loaded (gpointer data)
{
  gboolean loading = TRUE;

  g_object_get (data, "loading", &loading, NULL);
  return !loading && gtk_text_buffer_get_char_count (GTK_TEXT_BUFFER (data)) > 0;
}

/* The side panel's checklist, with the account: another document of the publication at the
 * article's path, and another open article of the publication whose text changed since it was
 * published, found among the window's tabs; its row goes to that tab. */
static void
test_checklist_records (void)
{
  BylineWindow *window = byline_window_new (GTK_APPLICATION (app));
  g_autoptr(BylineAccount) account = NULL;
  g_autofree char *duplicate = NULL;
  g_autofree char *other_uri = NULL;
  g_autofree char *other_text = NULL;
  g_autofree char *other_path = g_build_filename (work_dir, "other.md", NULL);
  g_autoptr(GFile) other_file = g_file_new_for_path (other_path);
  g_autoptr(GError) error = NULL;
  BylineChecklistView *checklist;
  BylineDocument *article;
  BylineDocument *other;
  GtkListBox *list_box;
  GtkWidget *stack;

  byline_account_sign_in_async (did, app_password, pds_url, plc_url, NULL, sign_in_cb, &account);
  while (account == NULL)
    g_main_context_iteration (NULL, TRUE);

  /* Written as another app would: one at the article's path, one the other article's. */
  duplicate = put_record ("site.standard.document",
                          document_value ("An older quay", "/the-quay", "Old."));
  other_uri = put_record ("site.standard.document",
                          document_value ("Other", "/other", "As published."));
  other_text = g_strdup_printf ("---\ntitle: Other\nsite: https://harbour.example\n"
                                "path: /other\npublishedAt: 2026-03-05T20:30:00.000Z\n"
                                "atUri: %s\n---\nChanged here since.\n", other_uri);
  g_file_set_contents (other_path, other_text, -1, &error);
  g_assert_no_error (error);

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  byline_window_open_file (window, other_file);
  other = byline_page_get_document (byline_window_get_page (window));
  byline_test_wait_until (document_loaded, other, "the other article to load");
  article = byline_document_new ();
  byline_window_add_document (window, article);
  gtk_text_buffer_set_text (GTK_TEXT_BUFFER (article),
                            "---\ntitle: The Quay\ndescription: A walk\n"
                            "site: https://harbour.example\npath: /the-quay\n---\nText.\n", -1);
  g_object_unref (article);

  checklist = BYLINE_CHECKLIST_VIEW (byline_test_find_widget (GTK_WIDGET (window),
                                                             BYLINE_TYPE_CHECKLIST_VIEW));
  list_box = byline_checklist_view_get_list_box (checklist);
  byline_checklist_view_set_account (checklist, account);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.checklist", NULL));

  byline_test_wait_until (has_row, &(RowWait) { list_box, "Same path as another document" },
                          "the checklist to find the document at the same path");
  byline_test_wait_until (has_row, &(RowWait) { list_box, "Another article not published" },
                          "the checklist to find the other article's changes");
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (
    ADW_ACTION_ROW (row_titled (list_box, "Same path as another document"))), duplicate));

  g_assert_nonnull (strstr (adw_action_row_get_subtitle (
    ADW_ACTION_ROW (row_titled (list_box, "Another article not published"))),
    "has changes not published"));

  /* Shown again, the checklist lists the documents again: one written since counts. */
  stack = gtk_widget_get_ancestor (GTK_WIDGET (checklist), ADW_TYPE_VIEW_STACK);
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (stack), "details");
  g_assert_cmpuint (count_titled (list_box, "Same path as another document"), ==, 1);
  g_free (put_record ("site.standard.document",
                      document_value ("Another copy", "/the-quay/", "Copy.")));
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (stack), "checklist");
  byline_test_wait_until (has_two_same_path, list_box,
                          "the checklist to find the document written since");

  /* The row goes to the other article's tab. */
  g_signal_emit_by_name (list_box, "row-activated",
                         row_titled (list_box, "Another article not published"));
  g_assert_true (byline_page_get_document (byline_window_get_page (window)) == other);


  byline_test_close_window (window);
}

static gboolean
publish_sensitive (gpointer data)
{
  return gtk_widget_get_sensitive (data);
}

static gboolean
publish_insensitive (gpointer data)
{
  return !gtk_widget_get_sensitive (data);
}

static GtkWidget *
find_button (GtkWidget  *root,
             const char *label)
{
  if (GTK_IS_BUTTON (root) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (root)), label) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, label);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
account_dialog_shown (gpointer data)
{
  AdwDialog *dialog = adw_application_window_get_visible_dialog (data);

  return dialog != NULL && !BYLINE_IS_PUBLISH_DIALOG (dialog);
}

static gboolean
publish_dialog_shown (gpointer data)
{
  return BYLINE_IS_PUBLISH_DIALOG (adw_application_window_get_visible_dialog (data));
}

/* Signed in, the publish dialog's Publish waits for what the record would reject (here a
 * suggestion left in the text) and not for warnings (no description). */
static void
test_blockers_hold_publish (void)
{
  BylineWindow *window = byline_window_new (GTK_APPLICATION (app));
  BylineDocument *article = NULL;
  AdwDialog *dialog;
  AdwDialog *account_dialog;
  GtkWidget *publish;
  BylineChecklistView *checklist;

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  article = byline_page_get_document (byline_window_get_page (window));
  gtk_text_buffer_set_text (GTK_TEXT_BUFFER (article),
                            "---\ntitle: The Breakwater\nsite: https://harbour.example\n---\n"
                            "Text {++more ++}here.\n", -1);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.publish", NULL));
  dialog = adw_application_window_get_visible_dialog (ADW_APPLICATION_WINDOW (window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "publish.sign-in", NULL));
  byline_test_wait_until (account_dialog_shown, window, "the account dialog");
  account_dialog = adw_application_window_get_visible_dialog (ADW_APPLICATION_WINDOW (window));
  set_row_text (GTK_WIDGET (account_dialog), "Handle or DID", did);
  set_row_text (GTK_WIDGET (account_dialog), "App Password", app_password);
  set_row_text (GTK_WIDGET (account_dialog), "Server Address (Optional)", pds_url);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (account_dialog), "account.sign-in",
                                             NULL));
  byline_test_wait_until (publish_dialog_shown, window, "the sign-in");

  checklist = BYLINE_CHECKLIST_VIEW (byline_test_find_widget (GTK_WIDGET (dialog),
                                                             BYLINE_TYPE_CHECKLIST_VIEW));
  publish = find_button (GTK_WIDGET (dialog), "_Publish");
  g_assert_nonnull (publish);
  byline_test_wait_for_label (GTK_WIDGET (checklist),
                              "2 things to look at, 1 blocks publishing");
  byline_test_wait_until (publish_insensitive, publish, "Publish to wait for the blocker");

  /* The suggestion accepted, the warning alone leaves Publish to the writer. */
  gtk_text_buffer_set_text (GTK_TEXT_BUFFER (article),
                            "---\ntitle: The Breakwater\nsite: https://harbour.example\n---\n"
                            "Text more here.\n", -1);
  byline_test_wait_for_label (GTK_WIDGET (checklist), "1 thing to look at");
  byline_test_wait_until (publish_sensitive, publish, "Publish to be available again");

  adw_dialog_force_close (dialog);
  byline_test_close_window (window);
}

static gboolean
publication_dialog_shown (gpointer data)
{
  return BYLINE_IS_PUBLICATION_DIALOG (adw_application_window_get_visible_dialog (data));
}

/* Publications… in the main menu: without an account (no keyring here) it says how to sign
 * in; with the account the window published with, it lists the account's publications. */
static void
test_publications_from_menu (void)
{
  BylineWindow *window = byline_window_new (GTK_APPLICATION (app));
  g_autoptr(BylineAccount) account = NULL;
  BylinePublicationDialog *dialog;

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.publications", NULL));
  byline_test_wait_until (publication_dialog_shown, window, "the publications dialog");
  dialog = BYLINE_PUBLICATION_DIALOG (adw_application_window_get_visible_dialog (
    ADW_APPLICATION_WINDOW (window)));
  byline_test_wait_for_label (GTK_WIDGET (dialog),
                              "Not signed in. Sign in to edit your publications.");
  g_assert_cmpuint (n_rows (byline_publication_dialog_get_list_box (dialog)), ==, 0);
  /* It offers to sign in, right there. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "publication.sign-in", NULL));
  byline_test_wait_until (account_dialog_shown, window, "the sign-in dialog");
  adw_dialog_force_close (adw_application_window_get_visible_dialog (
    ADW_APPLICATION_WINDOW (window)));
  adw_dialog_force_close (ADW_DIALOG (dialog));

  byline_account_sign_in_async (did, app_password, pds_url, plc_url, NULL, sign_in_cb, &account);
  while (account == NULL)
    g_main_context_iteration (NULL, TRUE);
  byline_checklist_view_set_account (
    BYLINE_CHECKLIST_VIEW (byline_test_find_widget (GTK_WIDGET (window),
                                                    BYLINE_TYPE_CHECKLIST_VIEW)), account);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.publications", NULL));
  byline_test_wait_until (publication_dialog_shown, window, "the publications dialog");
  dialog = BYLINE_PUBLICATION_DIALOG (adw_application_window_get_visible_dialog (
    ADW_APPLICATION_WINDOW (window)));
  byline_test_wait_until (not_busy, dialog, "the publications to be listed");
  /* The one the first test made. */
  g_assert_cmpuint (n_rows (byline_publication_dialog_get_list_box (dialog)), ==, 1);

  adw_dialog_force_close (ADW_DIALOG (dialog));
  byline_test_close_window (window);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  /* No keyring runs under the test's session bus: Byline warns that it cannot remember the
   * account, and carries on. Criticals stay fatal. */
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);

  if (argc < 2)
    {
      g_printerr ("usage: test-publication-ui SETUP-SCRIPT\n");
      return 2;
    }
  setup_script = argv[1];
  work_dir = g_dir_make_tmp ("byline-publication-ui-XXXXXX", &error);
  g_assert_no_error (error);

  pds_start ();
  pds_create_account ();

  app = byline_test_app_start ("io.github.byline.Byline.PublicationTests");
  g_test_add_func ("/Byline/PublicationUI/create-edit-verify", test_publication_dialog);
  g_test_add_func ("/Byline/PublicationUI/checklist-records", test_checklist_records);
  g_test_add_func ("/Byline/PublicationUI/blockers-hold-publish", test_blockers_hold_publish);
  g_test_add_func ("/Byline/PublicationUI/publications-from-menu", test_publications_from_menu);
  status = byline_test_app_run ();

  pds_stop ();
  g_clear_object (&client);
  pds_remove_tree (work_dir);

  return status;
}
