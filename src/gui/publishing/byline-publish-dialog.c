/* byline-publish-dialog.c
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

#define G_LOG_DOMAIN "byline-publish-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "byline-account.h"
#include "byline-account-dialog.h"
#include "byline-checklist-view.h"
#include "byline-publication-dialog.h"
#include "byline-publish-dialog.h"
#include "byline-publish-job.h"
#include "byline-publisher.h"
#include "byline-row-names.h"

struct _BylinePublishDialog
{
  AdwDialog            parent_instance;

  /* Template widgets */
  AdwActionRow        *account_row;
  AdwComboRow         *publication_row;
  GtkStringList       *publication_names;
  AdwEntryRow         *publication_name_row;
  AdwEntryRow         *publication_url_row;
  AdwEntryRow         *publication_description_row;
  AdwActionRow        *record_row;
  AdwSwitchRow        *announce_row;
  AdwPreferencesGroup *verify_group;
  AdwActionRow        *link_row;
  AdwActionRow        *well_known_row;
  GtkProgressBar      *progress;
  GtkLabel            *status_label;
  BylineChecklistView *checklist_view;

  /* Owned references */
  BylineDocument      *document;
  BylineAccount       *account;
  JsonArray           *publications;
  GCancellable        *lifetime;
  GCancellable        *cancellable;

  guint                pulse_id;
  guint                busy : 1;
  guint                filling_publications : 1;
};

enum {
  PUBLISH,
  GO_TO_CHECK_ITEM,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (BylinePublishDialog, byline_publish_dialog, ADW_TYPE_DIALOG)

static BylineMetadata *
document_metadata (BylinePublishDialog *self)
{
  BylineMetadata *metadata = byline_document_get_metadata (self->document);

  return metadata != NULL ? byline_metadata_copy (metadata) : byline_metadata_new ();
}

static void
actions_update (BylinePublishDialog *self)
{
  g_autoptr(BylineMetadata) metadata = document_metadata (self);
  gboolean published = byline_metadata_get_record_uri (metadata) != NULL;
  gboolean publishing = byline_publish_job_get_for_document (self->document) != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "publish.sign-in", !self->busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "publish.sign-out",
                                 !self->busy && self->account != NULL);
  /* Only what the record would reject blocks; warnings are the writer's to weigh. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "publish.publish",
                                 !self->busy && !publishing && self->account != NULL
                                 && !byline_checklist_view_get_has_blockers (self->checklist_view));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "publish.cancel", self->busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "publish.manage-publications",
                                 !self->busy && self->account != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "publish.unpublish",
                                 !self->busy && !publishing && self->account != NULL && published);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "publish.copy", published);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "publish.open",
                                 published && self->account != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "publish.create-publication",
                                 !self->busy && self->account != NULL
                                 && *gtk_editable_get_text (GTK_EDITABLE (self->publication_name_row))
                                 && g_str_has_prefix (gtk_editable_get_text (
                                      GTK_EDITABLE (self->publication_url_row)), "https://"));
}

static void
update_rows (BylinePublishDialog *self)
{
  g_autoptr(BylineMetadata) metadata = document_metadata (self);
  const char *uri = byline_metadata_get_record_uri (metadata);
  const char *site = byline_metadata_get_site (metadata);
  g_autofree char *link = NULL;

  if (self->account != NULL)
    {
      const char *handle = byline_account_get_handle (self->account);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->account_row),
                                     handle ? handle : byline_account_get_did (self->account));
      adw_action_row_set_subtitle (self->account_row, byline_account_get_service (self->account));
    }
  else
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->account_row), _("Not signed in"));
      adw_action_row_set_subtitle (self->account_row, NULL);
    }

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->record_row),
                                 uri ? _("Published") : _("Not published yet"));
  adw_action_row_set_subtitle (self->record_row, uri);
  adw_switch_row_set_active (self->announce_row, FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->announce_row),
                            byline_metadata_get_bsky_post_uri (metadata) == NULL);

  gtk_widget_set_visible (GTK_WIDGET (self->verify_group), uri != NULL);
  if (uri != NULL)
    link = g_strdup_printf ("<link rel=\"site.standard.document\" href=\"%s\">", uri);
  adw_action_row_set_subtitle (self->link_row, link);
  gtk_widget_set_visible (GTK_WIDGET (self->well_known_row),
                          site != NULL && g_str_has_prefix (site, "at://"));
  adw_action_row_set_subtitle (self->well_known_row, site);

  actions_update (self);
}

static void
show_status (BylinePublishDialog *self,
             const char          *status)
{
  gtk_label_set_label (self->status_label, status);
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), status != NULL);
}

static gboolean
pulse_cb (gpointer data)
{
  gtk_progress_bar_pulse (BYLINE_PUBLISH_DIALOG (data)->progress);

  return G_SOURCE_CONTINUE;
}

static void
set_busy (BylinePublishDialog *self,
          gboolean             busy)
{
  self->busy = !!busy;
  gtk_widget_set_visible (GTK_WIDGET (self->progress), busy);
  g_clear_handle_id (&self->pulse_id, g_source_remove);
  if (busy)
    self->pulse_id = g_timeout_add (100, pulse_cb, self);
  actions_update (self);
}

static void
show_error (BylinePublishDialog *self,
            const char          *heading,
            const GError        *error)
{
  AdwDialog *alert = adw_alert_dialog_new (heading, error->message);

  adw_alert_dialog_add_response (ADW_ALERT_DIALOG (alert), "close", _("_Close"));
  adw_dialog_present (alert, GTK_WIDGET (self));
}

/* Fills the site chooser: the front matter's own site first, then the account's
 * publications, with the one the article names selected. */
static void
fill_publications (BylinePublishDialog *self)
{
  g_autoptr(BylineMetadata) metadata = document_metadata (self);
  const char *site = byline_metadata_get_site (metadata);
  g_autofree char *own = NULL;
  guint selected = 0;
  guint n;

  self->filling_publications = TRUE;
  n = g_list_model_get_n_items (G_LIST_MODEL (self->publication_names));
  own = g_strdup_printf (_("As in the article (%s)"), site ? site : _("none"));
  gtk_string_list_splice (self->publication_names, 0, n, NULL);
  gtk_string_list_append (self->publication_names, own);
  for (guint i = 0; self->publications && i < json_array_get_length (self->publications); i++)
    {
      JsonObject *item = json_array_get_object_element (self->publications, i);
      g_autofree char *label = g_strdup_printf ("%s (%s)",
                                                json_object_get_string_member (item, "name"),
                                                json_object_get_string_member (item, "url"));

      gtk_string_list_append (self->publication_names, label);
      if (g_strcmp0 (site, json_object_get_string_member (item, "uri")) == 0)
        selected = i + 1;
    }
  adw_combo_row_set_selected (self->publication_row, selected);
  self->filling_publications = FALSE;
}

/* An article that names no content format, put in a Leaflet publication, is to be written
 * as Leaflet blocks (publishing would choose so too): the side panel says so from now on. */
static void
default_content_format (BylinePublishDialog *self,
                        gboolean             leaflet)
{
  BylineMetadata *metadata = byline_document_get_metadata (self->document);
  JsonObject *kept = byline_metadata_get_record_fields (metadata);

  if (!leaflet ||
      byline_metadata_get_string (metadata, BYLINE_METADATA_FIELD_CONTENT_FORMAT) != NULL ||
      (kept != NULL && json_object_has_member (kept, "content")))
    return;

  byline_document_set_field (self->document, BYLINE_METADATA_FIELD_CONTENT_FORMAT, "leaflet");
}

static void
publication_selected_cb (BylinePublishDialog *self)
{
  guint selected = adw_combo_row_get_selected (self->publication_row);
  JsonObject *item;

  if (self->filling_publications || selected == 0 || selected == GTK_INVALID_LIST_POSITION
      || self->publications == NULL || selected > json_array_get_length (self->publications))
    return;

  item = json_array_get_object_element (self->publications, selected - 1);
  byline_document_set_field (self->document, BYLINE_METADATA_FIELD_SITE,
                             json_object_get_string_member (item, "uri"));
  default_content_format (self, json_object_get_boolean_member_with_default (item, "leaflet", FALSE));
  update_rows (self);
}

static void
publication_entry_changed_cb (BylinePublishDialog *self)
{
  actions_update (self);
}

static void
publications_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(BylinePublishDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  JsonArray *publications;

  publications = byline_publisher_list_publications_finish (BYLINE_PUBLISHER (object), result,
                                                            &error);
  if (publications == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not list the account’s publications: %s", error->message);
      return;
    }

  g_clear_pointer (&self->publications, json_array_unref);
  self->publications = publications;
  fill_publications (self);
}

static void
load_publications (BylinePublishDialog *self)
{
  g_autoptr(BylineXrpcClient) client = NULL;
  g_autoptr(BylinePublisher) publisher = NULL;

  if (self->account == NULL)
    return;
  client = byline_account_dup_client (self->account);
  publisher = byline_publisher_new (client);
  byline_publisher_list_publications_async (publisher, self->lifetime, publications_cb,
                                            g_object_ref (self));
}

static void
set_account (BylinePublishDialog *self,
             BylineAccount       *account)
{
  g_set_object (&self->account, account);
  byline_checklist_view_set_account (self->checklist_view, account);
  g_clear_pointer (&self->publications, json_array_unref);
  fill_publications (self);
  update_rows (self);
  load_publications (self);
}

static void
publication_created_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(BylinePublishDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = NULL;

  uri = byline_publisher_create_publication_finish (BYLINE_PUBLISHER (object), result, &error);
  set_busy (self, FALSE);
  if (uri == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, _("Failed to Create the Publication"), error);
      return;
    }

  /* The new publication becomes the article's site. */
  byline_document_set_field (self->document, BYLINE_METADATA_FIELD_SITE, uri);
  {
    g_autoptr(JsonObject) created = json_object_new ();

    json_object_set_string_member (created, "url",
                                   gtk_editable_get_text (GTK_EDITABLE (self->publication_url_row)));
    default_content_format (self, byline_publication_is_leaflet (created));
  }
  gtk_editable_set_text (GTK_EDITABLE (self->publication_name_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->publication_url_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->publication_description_row), "");
  update_rows (self);
  load_publications (self);
}

static void
create_publication_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *param)
{
  BylinePublishDialog *self = BYLINE_PUBLISH_DIALOG (widget);
  g_autoptr(BylineXrpcClient) client = NULL;
  g_autoptr(BylinePublisher) publisher = NULL;

  if (self->account == NULL || self->busy)
    return;
  client = byline_account_dup_client (self->account);
  publisher = byline_publisher_new (client);
  set_busy (self, TRUE);
  byline_publisher_create_publication_async (
    publisher,
    gtk_editable_get_text (GTK_EDITABLE (self->publication_name_row)),
    gtk_editable_get_text (GTK_EDITABLE (self->publication_url_row)),
    gtk_editable_get_text (GTK_EDITABLE (self->publication_description_row)),
    self->lifetime, publication_created_cb, g_object_ref (self));
}

static void
publications_closed_cb (BylinePublishDialog *self)
{
  /* Names and addresses may have changed, or publications been added. */
  load_publications (self);
}

static void
manage_publications_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *param)
{
  BylinePublishDialog *self = BYLINE_PUBLISH_DIALOG (widget);
  AdwDialog *dialog;

  if (self->account == NULL)
    return;

  dialog = byline_publication_dialog_new (self->account);
  g_signal_connect_object (dialog, "closed", G_CALLBACK (publications_closed_cb), self,
                           G_CONNECT_SWAPPED);
  adw_dialog_present (dialog, widget);
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  BylinePublishDialog *self = BYLINE_PUBLISH_DIALOG (widget);
  g_autoptr(BylineMetadata) metadata = document_metadata (self);
  g_autoptr(GtkUriLauncher) launcher = NULL;
  g_autofree char *url = NULL;

  if (self->account == NULL
      || !(url = byline_publish_record_url (byline_account_get_service (self->account),
                                            byline_metadata_get_record_uri (metadata))))
    return;

  launcher = gtk_uri_launcher_new (url);
  gtk_uri_launcher_launch (launcher, GTK_WINDOW (gtk_widget_get_root (widget)), NULL, NULL, NULL);
}

static void
resume_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(BylinePublishDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!byline_account_resume_finish (BYLINE_ACCOUNT (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autofree char *status = g_strdup_printf (_("Sign in again: %s"), error->message);

          show_status (self, status);
        }
      return;
    }

  set_account (self, BYLINE_ACCOUNT (object));
}

static void
accounts_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(BylinePublishDialog) self = user_data;
  g_autoptr(GListModel) accounts = NULL;
  g_autoptr(BylineMetadata) metadata = NULL;
  g_autoptr(BylineAccount) chosen = NULL;
  g_autoptr(GError) error = NULL;
  const char *uri;

  /* No keyring (or no account in it) just means signing in. */
  accounts = byline_account_list_finish (result, &error);
  if (accounts == NULL || g_list_model_get_n_items (accounts) == 0 || self->account != NULL)
    return;

  /* An article remembers its account through its record's DID. */
  metadata = document_metadata (self);
  uri = byline_metadata_get_record_uri (metadata);
  for (guint i = 0; i < g_list_model_get_n_items (accounts) && chosen == NULL; i++)
    {
      g_autoptr(BylineAccount) account = g_list_model_get_item (accounts, i);
      g_autofree char *prefix = g_strdup_printf ("at://%s/", byline_account_get_did (account));

      if (uri != NULL && g_str_has_prefix (uri, prefix))
        chosen = g_steal_pointer (&account);
    }
  if (chosen == NULL)
    chosen = g_list_model_get_item (accounts, 0);

  byline_account_resume_async (chosen, self->lifetime, resume_cb, g_object_ref (self));
}

static void
signed_in_cb (BylinePublishDialog *self,
              BylineAccount       *account)
{
  show_status (self, NULL);
  set_account (self, account);
}

static void
sign_in_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  BylinePublishDialog *self = BYLINE_PUBLISH_DIALOG (widget);
  AdwDialog *dialog = byline_account_dialog_new ();

  g_signal_connect_object (dialog, "signed-in", G_CALLBACK (signed_in_cb), self,
                           G_CONNECT_SWAPPED);
  adw_dialog_present (dialog, widget);
}

static void
signed_out_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!byline_account_sign_out_finish (BYLINE_ACCOUNT (object), result, &error))
    g_warning ("Could not remove the account from the keyring: %s", error->message);
}

static void
sign_out_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  BylinePublishDialog *self = BYLINE_PUBLISH_DIALOG (widget);

  if (self->account == NULL)
    return;
  byline_account_sign_out_async (self->account, NULL, signed_out_cb, NULL);
  set_account (self, NULL);
}

static void
publish_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  BylinePublishDialog *self = BYLINE_PUBLISH_DIALOG (widget);
  BylinePublishFlags flags = adw_switch_row_get_active (self->announce_row)
                             ? BYLINE_PUBLISH_FLAGS_ANNOUNCE : BYLINE_PUBLISH_FLAGS_NONE;

  if (self->account == NULL || self->busy
      || byline_publish_job_get_for_document (self->document) != NULL)
    return;

  /* The window publishes in the background; the writer goes back to the article. */
  g_signal_emit (self, signals[PUBLISH], 0, self->account, flags);
  adw_dialog_close (ADW_DIALOG (self));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  BylinePublishDialog *self = BYLINE_PUBLISH_DIALOG (widget);

  g_cancellable_cancel (self->cancellable);
}

static void
unpublish_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(BylinePublishDialog) self = user_data;
  g_autoptr(BylineMetadata) unpublished = NULL;
  g_autoptr(GError) error = NULL;

  unpublished = byline_publisher_unpublish_finish (BYLINE_PUBLISHER (object), result, &error);
  set_busy (self, FALSE);
  g_clear_object (&self->cancellable);
  if (unpublished == NULL)
    {
      show_status (self, NULL);
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, _("Failed to Unpublish"), error);
      return;
    }

  byline_publish_store_result (self->document, unpublished, NULL);
  update_rows (self);
  show_status (self, _("The record was deleted."));
}

static void
unpublish_response_cb (AdwAlertDialog      *alert,
                       const char          *response,
                       BylinePublishDialog *self)
{
  g_autoptr(BylineXrpcClient) client = NULL;
  g_autoptr(BylinePublisher) publisher = NULL;
  g_autoptr(BylineMetadata) metadata = NULL;

  if (!g_str_equal (response, "unpublish") || self->account == NULL || self->busy)
    return;

  client = byline_account_dup_client (self->account);
  publisher = byline_publisher_new (client);
  metadata = document_metadata (self);
  self->cancellable = g_cancellable_new ();
  set_busy (self, TRUE);
  show_status (self, _("Unpublishing…"));
  byline_publisher_unpublish_async (publisher, metadata, self->cancellable, unpublish_cb,
                                    g_object_ref (self));
}

static void
unpublish_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  BylinePublishDialog *self = BYLINE_PUBLISH_DIALOG (widget);
  AdwDialog *alert = adw_alert_dialog_new (_("Unpublish Article?"),
                                           _("The record is deleted from your repository. "
                                             "The article stays on this computer."));

  adw_alert_dialog_add_responses (ADW_ALERT_DIALOG (alert),
                                  "cancel", _("_Cancel"),
                                  "unpublish", _("_Unpublish"),
                                  NULL);
  adw_alert_dialog_set_response_appearance (ADW_ALERT_DIALOG (alert), "unpublish",
                                            ADW_RESPONSE_DESTRUCTIVE);
  g_signal_connect_object (alert, "response", G_CALLBACK (unpublish_response_cb), self, 0);
  adw_dialog_present (alert, widget);
}

static void
copy_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  BylinePublishDialog *self = BYLINE_PUBLISH_DIALOG (widget);
  const char *which = g_variant_get_string (param, NULL);
  AdwActionRow *row = self->record_row;

  if (g_str_equal (which, "link"))
    row = self->link_row;
  else if (g_str_equal (which, "well-known"))
    row = self->well_known_row;
  if (adw_action_row_get_subtitle (row) != NULL)
    gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), adw_action_row_get_subtitle (row));
}

static void
checklist_changed_cb (BylinePublishDialog *self)
{
  actions_update (self);
}

static void
checklist_item_activated_cb (BylinePublishDialog   *self,
                             const BylineCheckItem *item,
                             BylineDocument        *other,
                             BylineChecklistView   *view)
{
  g_autoptr(BylinePublishDialog) hold = g_object_ref (self);

  /* The place is in the window: the dialog makes way for it. */
  adw_dialog_close (ADW_DIALOG (self));
  g_signal_emit (self, signals[GO_TO_CHECK_ITEM], 0, item, other);
}

static void
job_finished_cb (BylinePublishDialog *self)
{
  show_status (self, NULL);
  update_rows (self);
}

static void
byline_publish_dialog_dispose (GObject *object)
{
  BylinePublishDialog *self = (BylinePublishDialog *)object;

  /* Closing the dialog cancels what it started. */
  g_cancellable_cancel (self->lifetime);
  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->pulse_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), BYLINE_TYPE_PUBLISH_DIALOG);
  g_clear_object (&self->document);
  g_clear_object (&self->account);
  g_clear_pointer (&self->publications, json_array_unref);
  g_clear_object (&self->lifetime);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (byline_publish_dialog_parent_class)->dispose (object);
}

static void
byline_publish_dialog_class_init (BylinePublishDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = byline_publish_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/byline/Byline/ui/byline-publish-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, BylinePublishDialog, account_row);
  gtk_widget_class_bind_template_child (widget_class, BylinePublishDialog, publication_row);
  gtk_widget_class_bind_template_child (widget_class, BylinePublishDialog, publication_names);
  gtk_widget_class_bind_template_child (widget_class, BylinePublishDialog, publication_name_row);
  gtk_widget_class_bind_template_child (widget_class, BylinePublishDialog, publication_url_row);
  gtk_widget_class_bind_template_child (widget_class, BylinePublishDialog,
                                        publication_description_row);
  gtk_widget_class_bind_template_child (widget_class, BylinePublishDialog, record_row);
  gtk_widget_class_bind_template_child (widget_class, BylinePublishDialog, announce_row);
  gtk_widget_class_bind_template_child (widget_class, BylinePublishDialog, verify_group);
  gtk_widget_class_bind_template_child (widget_class, BylinePublishDialog, link_row);
  gtk_widget_class_bind_template_child (widget_class, BylinePublishDialog, well_known_row);
  gtk_widget_class_bind_template_child (widget_class, BylinePublishDialog, progress);
  gtk_widget_class_bind_template_child (widget_class, BylinePublishDialog, status_label);
  gtk_widget_class_bind_template_child (widget_class, BylinePublishDialog, checklist_view);

  gtk_widget_class_install_action (widget_class, "publish.sign-in", NULL, sign_in_action);
  gtk_widget_class_install_action (widget_class, "publish.sign-out", NULL, sign_out_action);
  gtk_widget_class_install_action (widget_class, "publish.publish", NULL, publish_action);
  gtk_widget_class_install_action (widget_class, "publish.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "publish.unpublish", NULL, unpublish_action);
  gtk_widget_class_install_action (widget_class, "publish.copy", "s", copy_action);
  gtk_widget_class_install_action (widget_class, "publish.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "publish.create-publication", NULL,
                                   create_publication_action);
  gtk_widget_class_install_action (widget_class, "publish.manage-publications", NULL,
                                   manage_publications_action);
  gtk_widget_class_bind_template_callback (widget_class, publication_selected_cb);

  /**
   * BylinePublishDialog::publish:
   * @self: the dialog
   * @account: the signed-in account
   * @flags: a #BylinePublishFlags
   *
   * The writer pressed Publish: the handler publishes the document in the background.
   * The dialog closes right after.
   */
  signals[PUBLISH] =
    g_signal_new ("publish",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, BYLINE_TYPE_ACCOUNT, G_TYPE_UINT);
  gtk_widget_class_bind_template_callback (widget_class, publication_entry_changed_cb);

  /**
   * BylinePublishDialog::go-to-check-item:
   * @self: the dialog
   * @item: the #BylineCheckItem the writer chose in the checklist
   * @other: (nullable): the other open article it names
   *
   * The writer chose a checklist item: the handler shows its place. The dialog has closed.
   */
  signals[GO_TO_CHECK_ITEM] =
    g_signal_new ("go-to-check-item",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, BYLINE_TYPE_CHECK_ITEM, BYLINE_TYPE_DOCUMENT);
  gtk_widget_class_bind_template_callback (widget_class, checklist_item_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, checklist_changed_cb);
}

static void
byline_publish_dialog_init (BylinePublishDialog *self)
{
  g_type_ensure (BYLINE_TYPE_CHECKLIST_VIEW);
  gtk_widget_init_template (GTK_WIDGET (self));
  byline_row_names_apply (GTK_WIDGET (self));

  self->lifetime = g_cancellable_new ();
}

/**
 * byline_publish_dialog_new:
 * @document: the article to publish
 *
 * Returns: (transfer floating): a dialog that publishes @document to the writer's PDS
 */
AdwDialog *
byline_publish_dialog_new (BylineDocument *document)
{
  BylinePublishDialog *self;
  BylinePublishJob *job;

  g_return_val_if_fail (BYLINE_IS_DOCUMENT (document), NULL);

  self = g_object_new (BYLINE_TYPE_PUBLISH_DIALOG, NULL);
  self->document = g_object_ref (document);
  byline_checklist_view_set_document (self->checklist_view, document);
  fill_publications (self);
  update_rows (self);
  if ((job = byline_publish_job_get_for_document (document)) != NULL)
    {
      show_status (self, _("This article is being published; the window shows the progress."));
      g_signal_connect_object (job, "finished", G_CALLBACK (job_finished_cb), self,
                               G_CONNECT_SWAPPED);
    }
  byline_account_list_async (self->lifetime, accounts_cb, g_object_ref (self));

  return ADW_DIALOG (self);
}

/**
 * byline_publish_dialog_get_document:
 *
 * Returns: (transfer none): the article the dialog publishes
 */
BylineDocument *
byline_publish_dialog_get_document (BylinePublishDialog *self)
{
  g_return_val_if_fail (BYLINE_IS_PUBLISH_DIALOG (self), NULL);

  return self->document;
}
