/* byline-publication-dialog.c
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

#define G_LOG_DOMAIN "byline-publication-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "byline-account-dialog.h"
#include "byline-publication.h"
#include "byline-publication-dialog.h"
#include "byline-publication-verify.h"
#include "byline-publisher.h"
#include "byline-validator.h"

/*
 * The account's publications: listed, created and edited (name, address, description, icon,
 * the basic theme's colours, discovery), each edit replacing only the version it started
 * from. For a publication already written, the exact proofs its site must serve (the
 * well-known file's body, each document's link tag) and a Check that fetches them.
 */

struct _BylinePublicationDialog
{
  AdwDialog             parent_instance;

  /* Template widgets */
  AdwNavigationView    *navigation;
  AdwNavigationPage    *edit_page;
  GtkListBox           *list_box;
  AdwSpinner           *list_spinner;
  GtkLabel             *list_status;
  GtkWidget            *sign_in_row;
  AdwEntryRow          *name_row;
  AdwEntryRow          *url_row;
  AdwEntryRow          *description_row;
  AdwActionRow         *icon_row;
  AdwSwitchRow         *theme_row;
  GtkColorDialogButton *background_button;
  GtkColorDialogButton *foreground_button;
  GtkColorDialogButton *accent_button;
  GtkColorDialogButton *accent_foreground_button;
  AdwSwitchRow         *discover_row;
  AdwPreferencesGroup  *verify_group;
  GtkListBox           *verify_list;
  AdwSpinner           *check_spinner;
  GtkLabel             *status_label;

  /* Owned references */
  BylineAccount        *account;
  GCancellable         *lifetime;
  JsonArray            *publications;   /* listRecords entries */
  JsonArray            *documents;      /* listRecords entries */
  BylinePublication    *editing;
  char                 *uri;
  char                 *cid;
  GFile                *icon_file;

  guint                 n_loading;
  guint                 saving : 1;
  guint                 checking : 1;
};

G_DEFINE_FINAL_TYPE (BylinePublicationDialog, byline_publication_dialog, ADW_TYPE_DIALOG)

static void load (BylinePublicationDialog *self);

static GtkColorDialogButton *
color_button (BylinePublicationDialog *self,
              BylineThemeColor         color)
{
  switch (color)
    {
    case BYLINE_THEME_BACKGROUND:
      return self->background_button;
    case BYLINE_THEME_FOREGROUND:
      return self->foreground_button;
    case BYLINE_THEME_ACCENT:
      return self->accent_button;
    case BYLINE_THEME_ACCENT_FOREGROUND:
    case BYLINE_THEME_N_COLORS:
    default:
      return self->accent_foreground_button;
    }
}

static void
actions_update (BylinePublicationDialog *self)
{
  gboolean busy = self->saving || self->n_loading > 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "publication.new", self->account != NULL);
  /* Signed out, the dialog offers to sign in: it is also what the keyboard focus lands on. */
  gtk_widget_set_visible (self->sign_in_row, self->account == NULL && self->n_loading == 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "publication.save",
                                 self->editing != NULL && self->account != NULL && !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "publication.check",
                                 self->uri != NULL && !self->checking && !busy);
  gtk_widget_set_visible (GTK_WIDGET (self->list_spinner), self->n_loading > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->check_spinner), self->checking);
}

static void
show_status (BylinePublicationDialog *self,
             const char              *status,
             gboolean                 error)
{
  gtk_label_set_label (self->status_label, status);
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), status != NULL);
  if (error)
    gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "error");
}

static const char *
state_icon (BylineVerifyState state)
{
  switch (state)
    {
    case BYLINE_VERIFY_IN_PLACE:
      return "object-select-symbolic";
    case BYLINE_VERIFY_MISSING:
    case BYLINE_VERIFY_WRONG_RECORD:
    case BYLINE_VERIFY_REDIRECT:
    case BYLINE_VERIFY_TLS_ERROR:
    case BYLINE_VERIFY_FAILED:
    default:
      return "dialog-warning-symbolic";
    }
}

static const char *
document_title (BylinePublicationDialog *self,
                const char              *uri)
{
  for (guint i = 0; self->documents && i < json_array_get_length (self->documents); i++)
    {
      JsonObject *entry = json_array_get_object_element (self->documents, i);

      if (g_strcmp0 (json_object_get_string_member_with_default (entry, "uri", NULL), uri) == 0)
        return json_object_get_string_member_with_default (
          json_object_get_object_member (entry, "value"), "title", NULL);
    }

  return NULL;
}

/* The proofs, as rows: what to serve where, and, once checked, whether it is there. */
static void
show_proofs (BylinePublicationDialog *self,
             GPtrArray               *results,
             gboolean                 checked)
{
  gtk_list_box_remove_all (self->verify_list);
  gtk_widget_set_visible (GTK_WIDGET (self->verify_group), self->uri != NULL);

  for (guint i = 0; results != NULL && i < results->len; i++)
    {
      const BylineVerifyResult *result = g_ptr_array_index (results, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *copy = gtk_button_new_from_icon_name ("edit-copy-symbolic");
      const char *title = result->document_uri ? document_title (self, result->document_uri)
                                               : NULL;
      g_autofree char *heading = result->document_uri
        ? g_strdup_printf (_("“%s”: in the page’s head, at %s"),
                           title ? title : _("Untitled"), result->url)
        : g_strdup_printf (_("The file %s"), result->url);
      g_autofree char *subtitle = checked
        ? g_strdup_printf ("%s\n%s", result->expected, result->message)
        : g_strdup (result->expected);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), heading);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_set_subtitle_selectable (ADW_ACTION_ROW (row), TRUE);
      if (checked)
        {
          GtkWidget *icon = gtk_image_new_from_icon_name (state_icon (result->state));

          gtk_widget_add_css_class (icon, result->state == BYLINE_VERIFY_IN_PLACE ? "success"
                                                                                  : "warning");
          gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                          result->state == BYLINE_VERIFY_IN_PLACE
                                          ? _("In place") : _("Not in place"), -1);
          adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
        }
      gtk_widget_set_valign (copy, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (copy, "flat");
      gtk_widget_set_tooltip_text (copy, _("Copy"));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (copy), "publication.copy");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (copy), "s", result->expected);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), copy);
      gtk_list_box_append (self->verify_list, row);
    }
}

static void
update_proofs (BylinePublicationDialog *self)
{
  g_autoptr(GPtrArray) targets = NULL;

  if (self->uri != NULL && self->editing != NULL && self->editing->url != NULL)
    targets = byline_publication_verify_targets (self->editing->url, self->uri, self->documents);
  show_proofs (self, targets, FALSE);
}

static void
update_icon_row (BylinePublicationDialog *self)
{
  g_autofree char *subtitle = NULL;

  if (self->icon_file != NULL)
    {
      g_autofree char *name = g_file_get_basename (self->icon_file);

      subtitle = g_strdup_printf (_("%s, uploaded when saved"), name);
    }
  else if (self->editing != NULL && self->editing->icon != NULL)
    subtitle = g_strdup_printf (_("An image of %" G_GINT64_FORMAT " bytes"),
                                json_object_get_int_member_with_default (self->editing->icon,
                                                                         "size", 0));
  else
    subtitle = g_strdup (_("None"));
  adw_action_row_set_subtitle (self->icon_row, subtitle);
}

static void
edit (BylinePublicationDialog *self,
      JsonObject              *entry)
{
  JsonObject *value = entry ? json_object_get_object_member (entry, "value") : NULL;

  g_clear_pointer (&self->editing, byline_publication_free);
  g_clear_pointer (&self->uri, g_free);
  g_clear_pointer (&self->cid, g_free);
  g_clear_object (&self->icon_file);

  self->editing = value ? byline_publication_from_record (value) : byline_publication_new ();
  if (entry != NULL)
    {
      self->uri = g_strdup (json_object_get_string_member_with_default (entry, "uri", NULL));
      self->cid = g_strdup (json_object_get_string_member_with_default (entry, "cid", NULL));
    }

  gtk_editable_set_text (GTK_EDITABLE (self->name_row),
                         self->editing->name ? self->editing->name : "");
  gtk_editable_set_text (GTK_EDITABLE (self->url_row),
                         self->editing->url ? self->editing->url : "");
  gtk_editable_set_text (GTK_EDITABLE (self->description_row),
                         self->editing->description ? self->editing->description : "");
  adw_switch_row_set_active (self->theme_row, self->editing->has_theme);
  for (guint i = 0; i < BYLINE_THEME_N_COLORS; i++)
    {
      GdkRGBA rgba = { self->editing->theme[i].r / 255.0, self->editing->theme[i].g / 255.0,
                       self->editing->theme[i].b / 255.0, 1.0 };

      gtk_color_dialog_button_set_rgba (color_button (self, i), &rgba);
    }
  adw_switch_row_set_active (self->discover_row, self->editing->show_in_discover);
  adw_navigation_page_set_title (self->edit_page,
                                 entry ? self->editing->name : _("New Publication"));
  update_icon_row (self);
  update_proofs (self);
  show_status (self, NULL, FALSE);
  actions_update (self);
  adw_navigation_view_push_by_tag (self->navigation, "edit");
}

/* The publication as the fields have it. */
static BylinePublication *
dup_edited (BylinePublicationDialog *self)
{
  BylinePublication *publication = byline_publication_copy (self->editing);
  const char *description = gtk_editable_get_text (GTK_EDITABLE (self->description_row));

  g_free (publication->name);
  publication->name = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row)));
  g_free (publication->url);
  publication->url = byline_publication_normalize_url (
    gtk_editable_get_text (GTK_EDITABLE (self->url_row)));
  g_free (publication->description);
  publication->description = *description ? g_strdup (description) : NULL;
  publication->has_theme = adw_switch_row_get_active (self->theme_row);
  for (guint i = 0; i < BYLINE_THEME_N_COLORS; i++)
    {
      const GdkRGBA *rgba = gtk_color_dialog_button_get_rgba (color_button (self, i));

      publication->theme[i] = (BylineRgb) { CLAMP (rgba->red * 255 + 0.5, 0, 255),
                                            CLAMP (rgba->green * 255 + 0.5, 0, 255),
                                            CLAMP (rgba->blue * 255 + 0.5, 0, 255) };
    }
  publication->show_in_discover = adw_switch_row_get_active (self->discover_row);

  return publication;
}

static void
publication_activated_cb (BylinePublicationDialog *self,
                          GtkListBoxRow           *row,
                          GtkListBox              *list_box)
{
  int index = gtk_list_box_row_get_index (row);

  if (self->publications == NULL || index < 0 ||
      (guint)index >= json_array_get_length (self->publications))
    return;

  edit (self, json_array_get_object_element (self->publications, index));
}

static void
fill_list (BylinePublicationDialog *self)
{
  gtk_list_box_remove_all (self->list_box);
  for (guint i = 0; self->publications && i < json_array_get_length (self->publications); i++)
    {
      JsonObject *entry = json_array_get_object_element (self->publications, i);
      JsonObject *value = json_object_get_object_member (entry, "value");
      GtkWidget *row = adw_action_row_new ();
      const char *name = json_object_get_string_member_with_default (value, "name", NULL);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     name && *name ? name : _("Unnamed"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   json_object_get_string_member_with_default (value, "url", ""));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_append (self->list_box, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->list_box),
                          self->publications && json_array_get_length (self->publications) > 0);
}

static void
listed_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(BylinePublicationDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  JsonArray *records = byline_publisher_list_records_finish (BYLINE_PUBLISHER (object), result,
                                                             &error);
  gboolean publications = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (object), "publications"));

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->n_loading--;
  if (records == NULL)
    {
      g_autofree char *status = g_strdup_printf (_("Could not list your records: %s"),
                                                 error->message);

      gtk_label_set_label (self->list_status, status);
      gtk_widget_set_visible (GTK_WIDGET (self->list_status), TRUE);
    }
  else if (publications)
    {
      g_clear_pointer (&self->publications, json_array_unref);
      self->publications = records;
      fill_list (self);
    }
  else
    {
      g_clear_pointer (&self->documents, json_array_unref);
      self->documents = records;
      update_proofs (self);
    }
  actions_update (self);
}

static void
load (BylinePublicationDialog *self)
{
  g_autoptr(BylineXrpcClient) client = byline_account_dup_client (self->account);
  g_autoptr(BylinePublisher) publications = byline_publisher_new (client);
  g_autoptr(BylinePublisher) documents = byline_publisher_new (client);

  self->n_loading += 2;
  g_object_set_data (G_OBJECT (publications), "publications", GUINT_TO_POINTER (TRUE));
  byline_publisher_list_records_async (publications, BYLINE_PUBLICATION_COLLECTION,
                                       self->lifetime, listed_cb, g_object_ref (self));
  byline_publisher_list_records_async (documents, BYLINE_DOCUMENT_COLLECTION, self->lifetime,
                                       listed_cb, g_object_ref (self));
  actions_update (self);
}

static void
show_list_status (BylinePublicationDialog *self,
                  const char              *status)
{
  gtk_label_set_label (self->list_status, status);
  gtk_widget_set_visible (GTK_WIDGET (self->list_status), status != NULL);
}

static void
resumed_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(BylinePublicationDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean resumed = byline_account_resume_finish (BYLINE_ACCOUNT (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->n_loading--;
  if (!resumed)
    {
      g_autofree char *status = g_strdup_printf (_("Sign in again: %s"), error->message);

      show_list_status (self, status);
      actions_update (self);
      return;
    }

  g_set_object (&self->account, BYLINE_ACCOUNT (object));
  load (self);
}

static void
accounts_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(BylinePublicationDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) accounts = byline_account_list_finish (result, &error);
  g_autoptr(BylineAccount) account = NULL;

  /* Closed meanwhile: the keyring does not always stop when asked. */
  if (self->lifetime == NULL || g_cancellable_is_cancelled (self->lifetime))
    return;

  self->n_loading--;
  /* No keyring, or no account in it: publishing signs in first. */
  if (accounts == NULL || g_list_model_get_n_items (accounts) == 0)
    {
      show_list_status (self, _("Not signed in. Sign in to edit your publications."));
      actions_update (self);
      return;
    }

  account = g_list_model_get_item (accounts, 0);
  self->n_loading++;
  byline_account_resume_async (account, self->lifetime, resumed_cb, g_object_ref (self));
}

static void
signed_in_cb (BylinePublicationDialog *self,
              BylineAccount           *account)
{
  g_set_object (&self->account, account);
  show_list_status (self, NULL);
  actions_update (self);
  load (self);
}

static void
sign_in_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  AdwDialog *dialog = byline_account_dialog_new ();

  g_signal_connect_object (dialog, "signed-in", G_CALLBACK (signed_in_cb), widget,
                           G_CONNECT_SWAPPED);
  adw_dialog_present (dialog, widget);
}

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *param)
{
  edit (BYLINE_PUBLICATION_DIALOG (widget), NULL);
}

static void
saved_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(BylinePublicationDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *cid = NULL;
  g_autofree char *uri = NULL;

  uri = byline_publisher_save_publication_finish (BYLINE_PUBLISHER (object), result, &cid, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->saving = FALSE;
  if (uri == NULL)
    {
      g_autofree char *status = NULL;

      if (g_error_matches (error, BYLINE_XRPC_ERROR, BYLINE_XRPC_ERROR_INVALID_SWAP))
        status = g_strdup (_("The publication was changed elsewhere since you opened it: "
                             "nothing was saved. Open it again to edit the new version."));
      else
        status = g_strdup_printf (_("Not saved: %s"), error->message);
      show_status (self, status, TRUE);
      actions_update (self);
      return;
    }

  /* The saved version is the one the next edit replaces. */
  g_free (self->uri);
  self->uri = g_steal_pointer (&uri);
  g_free (self->cid);
  self->cid = g_steal_pointer (&cid);
  {
    g_autoptr(BylinePublication) saved = dup_edited (self);

    g_clear_pointer (&self->editing, byline_publication_free);
    self->editing = g_steal_pointer (&saved);
  }
  g_clear_object (&self->icon_file);
  adw_navigation_page_set_title (self->edit_page, self->editing->name);
  show_status (self, _("Saved"), FALSE);
  update_proofs (self);
  load (self);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  BylinePublicationDialog *self = BYLINE_PUBLICATION_DIALOG (widget);
  g_autoptr(BylinePublication) publication = NULL;
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (
    (GDestroyNotify)byline_problem_free);
  g_autoptr(BylineXrpcClient) client = NULL;
  g_autoptr(BylinePublisher) publisher = NULL;

  if (self->editing == NULL || self->saving)
    return;

  publication = dup_edited (self);
  if (!byline_publication_check (publication, problems))
    {
      show_status (self, ((BylineProblem *)g_ptr_array_index (problems, 0))->message, TRUE);
      return;
    }

  client = byline_account_dup_client (self->account);
  publisher = byline_publisher_new (client);
  self->saving = TRUE;
  show_status (self, _("Saving…"), FALSE);
  actions_update (self);
  byline_publisher_save_publication_async (publisher, publication, self->uri, self->cid,
                                           self->icon_file, self->lifetime, saved_cb,
                                           g_object_ref (self));
}

static void
icon_chosen_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(BylinePublicationDialog) self = user_data;
  g_autoptr(GFile) file = gtk_file_dialog_open_finish (GTK_FILE_DIALOG (object), result, NULL);

  if (file == NULL)
    return;
  g_set_object (&self->icon_file, file);
  update_icon_row (self);
}

static void
choose_icon_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  BylinePublicationDialog *self = BYLINE_PUBLICATION_DIALOG (widget);
  g_autoptr(GtkFileDialog) dialog = gtk_file_dialog_new ();
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autoptr(GListStore) filters = g_list_store_new (GTK_TYPE_FILE_FILTER);

  gtk_file_filter_set_name (filter, _("Images"));
  gtk_file_filter_add_mime_type (filter, "image/*");
  g_list_store_append (filters, filter);
  gtk_file_dialog_set_filters (dialog, G_LIST_MODEL (filters));
  gtk_file_dialog_set_title (dialog, _("Choose an Icon"));
  gtk_file_dialog_open (dialog, GTK_WINDOW (gtk_widget_get_root (widget)), self->lifetime,
                        icon_chosen_cb, g_object_ref (self));
}

static void
checked_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(BylinePublicationDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) results = byline_publication_verify_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->checking = FALSE;
  if (results != NULL)
    show_proofs (self, results, TRUE);
  actions_update (self);
}

static void
check_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  BylinePublicationDialog *self = BYLINE_PUBLICATION_DIALOG (widget);

  if (self->uri == NULL || self->editing == NULL || self->checking)
    return;

  self->checking = TRUE;
  actions_update (self);
  /* What is checked is the saved address, not one typed since. */
  byline_publication_verify_async (self->editing->url, self->uri, self->documents,
                                   self->lifetime, checked_cb, g_object_ref (self));
}

static void
copy_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), g_variant_get_string (param, NULL));
}

static void
byline_publication_dialog_dispose (GObject *object)
{
  BylinePublicationDialog *self = BYLINE_PUBLICATION_DIALOG (object);

  g_cancellable_cancel (self->lifetime);
  gtk_widget_dispose_template (GTK_WIDGET (self), BYLINE_TYPE_PUBLICATION_DIALOG);
  g_clear_object (&self->account);
  g_clear_object (&self->lifetime);
  g_clear_pointer (&self->publications, json_array_unref);
  g_clear_pointer (&self->documents, json_array_unref);
  g_clear_pointer (&self->editing, byline_publication_free);
  g_clear_pointer (&self->uri, g_free);
  g_clear_pointer (&self->cid, g_free);
  g_clear_object (&self->icon_file);

  G_OBJECT_CLASS (byline_publication_dialog_parent_class)->dispose (object);
}

static void
byline_publication_dialog_class_init (BylinePublicationDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = byline_publication_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/ui/byline-publication-dialog.ui");
#define BIND(name) \
  gtk_widget_class_bind_template_child (widget_class, BylinePublicationDialog, name)
  BIND (navigation);
  BIND (edit_page);
  BIND (list_box);
  BIND (list_spinner);
  BIND (list_status);
  BIND (sign_in_row);
  BIND (name_row);
  BIND (url_row);
  BIND (description_row);
  BIND (icon_row);
  BIND (theme_row);
  BIND (background_button);
  BIND (foreground_button);
  BIND (accent_button);
  BIND (accent_foreground_button);
  BIND (discover_row);
  BIND (verify_group);
  BIND (verify_list);
  BIND (check_spinner);
  BIND (status_label);
#undef BIND
  gtk_widget_class_bind_template_callback (widget_class, publication_activated_cb);

  gtk_widget_class_install_action (widget_class, "publication.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "publication.sign-in", NULL, sign_in_action);
  gtk_widget_class_install_action (widget_class, "publication.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "publication.choose-icon", NULL,
                                   choose_icon_action);
  gtk_widget_class_install_action (widget_class, "publication.check", NULL, check_action);
  gtk_widget_class_install_action (widget_class, "publication.copy", "s", copy_action);
}

static void
byline_publication_dialog_init (BylinePublicationDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* The Sign In row sits in the group's own list, which libadwaita labels by the group's
   * empty title: it is named for what it holds. */
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (gtk_widget_get_parent (self->sign_in_row)),
                                 GTK_ACCESSIBLE_RELATION_LABELLED_BY);
  gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_widget_get_parent (self->sign_in_row)),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Account"), -1);

  self->lifetime = g_cancellable_new ();
  actions_update (self);
}

/**
 * byline_publication_dialog_new:
 * @account: (nullable): the signed-in account whose publications are edited, or %NULL for
 *   the first account the keyring remembers
 *
 * Returns: (transfer floating): the dialog, listing the account's publications
 */
AdwDialog *
byline_publication_dialog_new (BylineAccount *account)
{
  BylinePublicationDialog *self;

  g_return_val_if_fail (account == NULL || BYLINE_IS_ACCOUNT (account), NULL);

  self = g_object_new (BYLINE_TYPE_PUBLICATION_DIALOG, NULL);
  if (account != NULL)
    {
      self->account = g_object_ref (account);
      load (self);
    }
  else
    {
      self->n_loading++;
      actions_update (self);
      byline_account_list_async (self->lifetime, accounts_cb, g_object_ref (self));
    }

  return ADW_DIALOG (self);
}

/**
 * byline_publication_dialog_get_busy:
 *
 * Returns: whether a listing, a save or a check is under way
 */
gboolean
byline_publication_dialog_get_busy (BylinePublicationDialog *self)
{
  g_return_val_if_fail (BYLINE_IS_PUBLICATION_DIALOG (self), FALSE);

  return self->n_loading > 0 || self->saving || self->checking;
}

/**
 * byline_publication_dialog_get_list_box:
 *
 * Returns: (transfer none): the list of publications
 */
GtkListBox *
byline_publication_dialog_get_list_box (BylinePublicationDialog *self)
{
  g_return_val_if_fail (BYLINE_IS_PUBLICATION_DIALOG (self), NULL);

  return self->list_box;
}

/**
 * byline_publication_dialog_get_verify_list:
 *
 * Returns: (transfer none): the proofs of the publication being edited
 */
GtkListBox *
byline_publication_dialog_get_verify_list (BylinePublicationDialog *self)
{
  g_return_val_if_fail (BYLINE_IS_PUBLICATION_DIALOG (self), NULL);

  return self->verify_list;
}
