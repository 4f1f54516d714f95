/* byline-account-dialog.c
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

#define G_LOG_DOMAIN "byline-account-dialog"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "byline-account.h"
#include "byline-account-dialog.h"
#include "byline-oauth-sign-in.h"
#include "byline-row-names.h"

struct _BylineAccountDialog
{
  AdwDialog     parent_instance;

  /* Template widgets */
  GtkStack     *pages;
  AdwEntryRow  *handle_row;
  GtkLabel     *browser_status_label;
  GtkLabel     *browser_error_label;
  GtkButton    *browser_button;
  GtkButton    *copy_button;
  AdwEntryRow  *identifier_row;
  AdwEntryRow  *password_row;
  AdwEntryRow  *service_row;
  GtkLabel     *error_label;
  GtkButton    *sign_in_button;

  /* Owned references */
  GCancellable *cancellable;
  /* The browser sign-in under way, and the address it waits on. */
  BylineOAuthSignIn *oauth;
  GCancellable *oauth_cancellable;
  char         *authorization_uri;

  guint         busy : 1;
};

G_DEFINE_FINAL_TYPE (BylineAccountDialog, byline_account_dialog, ADW_TYPE_DIALOG)

enum {
  PROP_0,
  PROP_AUTHORIZATION_URI,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNED_IN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
actions_update (BylineAccountDialog *self)
{
  const char *identifier = gtk_editable_get_text (GTK_EDITABLE (self->identifier_row));
  const char *password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));

  const char *handle = gtk_editable_get_text (GTK_EDITABLE (self->handle_row));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "account.sign-in",
                                 !self->busy && *identifier != '\0' && *password != '\0');
  /* While the browser is out, the same button cancels. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "account.sign-in-browser",
                                 self->oauth != NULL || (!self->busy && *handle != '\0'));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "account.copy-address",
                                 self->authorization_uri != NULL);
}

static void
entry_changed_cb (BylineAccountDialog *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->browser_error_label), FALSE);
  actions_update (self);
}

static void
show_browser_status (BylineAccountDialog *self,
                     const char          *status)
{
  if (status == NULL && byline_oauth_default_client_id () == NULL)
    status = _("Byline signs in as a development client: your server will show it as an "
               "application on this computer that it cannot verify.");
  gtk_label_set_label (self->browser_status_label, status ? status : "");
  gtk_widget_set_visible (GTK_WIDGET (self->browser_status_label), status != NULL);
}

static void
set_authorization_uri (BylineAccountDialog *self,
                       const char          *uri)
{
  if (g_set_str (&self->authorization_uri, uri))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AUTHORIZATION_URI]);
  gtk_widget_set_visible (GTK_WIDGET (self->copy_button), uri != NULL);
}

static void
end_browser_sign_in (BylineAccountDialog *self)
{
  g_clear_object (&self->oauth);
  g_clear_object (&self->oauth_cancellable);
  set_authorization_uri (self, NULL);
  self->busy = FALSE;
  gtk_button_set_label (self->browser_button, _("_Sign In With Browser"));
  show_browser_status (self, NULL);
  actions_update (self);
}

static void
launched_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(BylineAccountDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!gtk_uri_launcher_launch_finish (GTK_URI_LAUNCHER (object), result, &error)
      && self->oauth != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    show_browser_status (self, _("No browser could be opened. Copy the address and open it "
                                 "in a browser to sign in."));
}

static void
open_uri_cb (BylineAccountDialog *self,
             const char          *uri)
{
  g_autoptr(GtkUriLauncher) launcher = NULL;

  set_authorization_uri (self, uri);
  show_browser_status (self, _("Finish signing in in your browser. If it did not open, copy "
                               "the address and open it yourself."));
  actions_update (self);
  if (g_getenv ("BYLINE_NO_BROWSER") != NULL)
    return;
  /* Through the OpenURI portal inside a Flatpak. */
  launcher = gtk_uri_launcher_new (uri);
  gtk_uri_launcher_launch (launcher, GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                           self->oauth_cancellable, launched_cb, g_object_ref (self));
}

static void
browser_signed_in_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(BylineAccountDialog) self = user_data;
  g_autoptr(BylineOAuthSession) session = NULL;
  g_autoptr(BylineAccount) account = NULL;
  g_autoptr(GError) error = NULL;
  gboolean fallback;
  GtkWidget *parent;

  session = byline_oauth_sign_in_run_finish (BYLINE_OAUTH_SIGN_IN (object), result, &error);
  if (BYLINE_OAUTH_SIGN_IN (object) != self->oauth)
    return;
  fallback = byline_oauth_sign_in_is_scope_fallback (self->oauth);
  end_browser_sign_in (self);
  if (session == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          gtk_label_set_label (self->browser_error_label, error->message);
          gtk_widget_set_visible (GTK_WIDGET (self->browser_error_label), TRUE);
        }
      return;
    }

  account = byline_account_new_for_oauth_session (session);
  parent = gtk_widget_get_parent (GTK_WIDGET (self));
  g_signal_emit (self, signals[SIGNED_IN], 0, account);
  adw_dialog_close (ADW_DIALOG (self));
  if (fallback && parent != NULL)
    {
      AdwDialog *notice = adw_alert_dialog_new (_("Signed In With Broad Access"),
                                                _("This server does not offer the limited "
                                                  "permissions Byline asks for, so Byline was "
                                                  "given broad access to your account."));

      adw_alert_dialog_add_response (ADW_ALERT_DIALOG (notice), "close", _("_Close"));
      adw_dialog_present (notice, parent);
    }
}

static void
sign_in_browser_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  BylineAccountDialog *self = BYLINE_ACCOUNT_DIALOG (widget);
  g_autoptr(BylineXrpcClient) resolver = NULL;
  g_autofree char *identifier = NULL;

  if (self->oauth != NULL)
    {
      g_cancellable_cancel (self->oauth_cancellable);
      end_browser_sign_in (self);
      return;
    }

  identifier = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->handle_row))));
  /* Handles and DIDs resolve as `byline --sign-in` resolves them: BYLINE_PDS answers
   * resolveHandle when it is set, BYLINE_PLC_DIRECTORY serves did:plc documents. */
  resolver = byline_xrpc_client_new (g_getenv ("BYLINE_PDS") && *g_getenv ("BYLINE_PDS")
                                       ? g_getenv ("BYLINE_PDS") : NULL);
  byline_xrpc_client_set_plc_directory (resolver, g_getenv ("BYLINE_PLC_DIRECTORY"));
  self->oauth = byline_oauth_sign_in_new (resolver, byline_oauth_default_client_id ());
  self->oauth_cancellable = g_cancellable_new ();
  g_signal_connect_object (self->oauth, "open-uri", G_CALLBACK (open_uri_cb), self,
                           G_CONNECT_SWAPPED);
  self->busy = TRUE;
  gtk_button_set_label (self->browser_button, _("_Cancel"));
  gtk_widget_set_visible (GTK_WIDGET (self->browser_error_label), FALSE);
  show_browser_status (self, _("Finding your server…"));
  actions_update (self);
  byline_oauth_sign_in_run_async (self->oauth, identifier, self->oauth_cancellable,
                                  browser_signed_in_cb, g_object_ref (self));
}

static void
copy_address_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  BylineAccountDialog *self = BYLINE_ACCOUNT_DIALOG (widget);

  if (self->authorization_uri != NULL)
    gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), self->authorization_uri);
}

static void
show_page (BylineAccountDialog *self,
           const char          *name)
{
  gboolean browser = g_str_equal (name, "browser");

  gtk_stack_set_visible_child_name (self->pages, name);
  adw_dialog_set_default_widget (ADW_DIALOG (self),
                                 GTK_WIDGET (browser ? self->browser_button
                                                     : self->sign_in_button));
  gtk_widget_grab_focus (GTK_WIDGET (browser ? self->handle_row : self->identifier_row));
}

static void
use_app_password_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *param)
{
  BylineAccountDialog *self = BYLINE_ACCOUNT_DIALOG (widget);
  const char *handle = gtk_editable_get_text (GTK_EDITABLE (self->handle_row));

  /* What was typed carries over. */
  if (*gtk_editable_get_text (GTK_EDITABLE (self->identifier_row)) == '\0'
      && !g_str_has_prefix (handle, "http"))
    gtk_editable_set_text (GTK_EDITABLE (self->identifier_row), handle);
  show_page (self, "app-password");
}

static void
use_browser_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  show_page (BYLINE_ACCOUNT_DIALOG (widget), "browser");
}

static void
sign_in_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(BylineAccountDialog) self = user_data;
  g_autoptr(BylineAccount) account = NULL;
  g_autoptr(GError) error = NULL;

  account = byline_account_sign_in_finish (result, &error);
  self->busy = FALSE;
  gtk_button_set_label (self->sign_in_button, _("_Sign In"));
  actions_update (self);

  if (account == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          gtk_label_set_label (self->error_label, error->message);
          gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
        }
      return;
    }

  g_signal_emit (self, signals[SIGNED_IN], 0, account);
  adw_dialog_close (ADW_DIALOG (self));
}

static void
sign_in_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  BylineAccountDialog *self = BYLINE_ACCOUNT_DIALOG (widget);
  g_autofree char *identifier = NULL;

  identifier = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->identifier_row))));
  if (identifier[0] == '@')
    memmove (identifier, identifier + 1, strlen (identifier));

  self->busy = TRUE;
  gtk_button_set_label (self->sign_in_button, _("Signing In…"));
  actions_update (self);
  byline_account_sign_in_async (identifier,
                                gtk_editable_get_text (GTK_EDITABLE (self->password_row)),
                                gtk_editable_get_text (GTK_EDITABLE (self->service_row)),
                                g_getenv ("BYLINE_PLC_DIRECTORY"),
                                self->cancellable, sign_in_cb, g_object_ref (self));
}

static void
byline_account_dialog_dispose (GObject *object)
{
  BylineAccountDialog *self = (BylineAccountDialog *)object;

  g_cancellable_cancel (self->cancellable);
  if (self->oauth_cancellable != NULL)
    g_cancellable_cancel (self->oauth_cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), BYLINE_TYPE_ACCOUNT_DIALOG);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->oauth);
  g_clear_object (&self->oauth_cancellable);
  g_clear_pointer (&self->authorization_uri, g_free);

  G_OBJECT_CLASS (byline_account_dialog_parent_class)->dispose (object);
}

static void
byline_account_dialog_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  BylineAccountDialog *self = BYLINE_ACCOUNT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_AUTHORIZATION_URI:
      g_value_set_string (value, self->authorization_uri);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
byline_account_dialog_class_init (BylineAccountDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = byline_account_dialog_dispose;
  object_class->get_property = byline_account_dialog_get_property;

  /**
   * BylineAccountDialog:authorization-uri:
   *
   * The sign-in page the browser should show, while a browser sign-in waits for it.
   */
  properties[PROP_AUTHORIZATION_URI] =
    g_param_spec_string ("authorization-uri", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * BylineAccountDialog::signed-in:
   * @self: the dialog
   * @account: the signed-in account
   *
   * Emitted when the writer has signed in; the dialog then closes.
   */
  signals[SIGNED_IN] =
    g_signal_new ("signed-in", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, BYLINE_TYPE_ACCOUNT);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/byline/Byline/ui/byline-account-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, BylineAccountDialog, pages);
  gtk_widget_class_bind_template_child (widget_class, BylineAccountDialog, handle_row);
  gtk_widget_class_bind_template_child (widget_class, BylineAccountDialog, browser_status_label);
  gtk_widget_class_bind_template_child (widget_class, BylineAccountDialog, browser_error_label);
  gtk_widget_class_bind_template_child (widget_class, BylineAccountDialog, browser_button);
  gtk_widget_class_bind_template_child (widget_class, BylineAccountDialog, copy_button);
  gtk_widget_class_bind_template_child (widget_class, BylineAccountDialog, identifier_row);
  gtk_widget_class_bind_template_child (widget_class, BylineAccountDialog, password_row);
  gtk_widget_class_bind_template_child (widget_class, BylineAccountDialog, service_row);
  gtk_widget_class_bind_template_child (widget_class, BylineAccountDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, BylineAccountDialog, sign_in_button);
  gtk_widget_class_bind_template_callback (widget_class, entry_changed_cb);

  gtk_widget_class_install_action (widget_class, "account.sign-in", NULL, sign_in_action);
  gtk_widget_class_install_action (widget_class, "account.sign-in-browser", NULL,
                                   sign_in_browser_action);
  gtk_widget_class_install_action (widget_class, "account.copy-address", NULL,
                                   copy_address_action);
  gtk_widget_class_install_action (widget_class, "account.use-app-password", NULL,
                                   use_app_password_action);
  gtk_widget_class_install_action (widget_class, "account.use-browser", NULL,
                                   use_browser_action);
}

static void
byline_account_dialog_init (BylineAccountDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  byline_row_names_apply (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  adw_dialog_set_default_widget (ADW_DIALOG (self), GTK_WIDGET (self->browser_button));
  show_browser_status (self, NULL);
  actions_update (self);
}

/**
 * byline_account_dialog_set_handle:
 * @self: a dialog
 * @handle: (nullable): the account to sign in again
 *
 * Fills in the handle on both ways of signing in.
 */
void
byline_account_dialog_set_handle (BylineAccountDialog *self,
                                  const char          *handle)
{
  g_return_if_fail (BYLINE_IS_ACCOUNT_DIALOG (self));

  gtk_editable_set_text (GTK_EDITABLE (self->handle_row), handle ? handle : "");
  gtk_editable_set_text (GTK_EDITABLE (self->identifier_row), handle ? handle : "");
}

/**
 * byline_account_dialog_new:
 *
 * Returns: (transfer floating): a dialog that signs in to an AT Protocol account
 */
AdwDialog *
byline_account_dialog_new (void)
{
  return g_object_new (BYLINE_TYPE_ACCOUNT_DIALOG, NULL);
}
