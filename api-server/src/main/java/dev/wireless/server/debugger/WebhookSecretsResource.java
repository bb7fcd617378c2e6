package dev.wireless.server.debugger;

import dev.wireless.callbacks.signing.WebhookSecret;
import dev.wireless.callbacks.signing.WebhookSecrets;
import dev.wireless.server.api.WebhookSecretsApi;
import dev.wireless.server.common.Timestamps;
import dev.wireless.server.errors.ApiException;
import dev.wireless.server.http.CallContext;
import dev.wireless.server.http.Reply;
import dev.wireless.server.model.ListWebhookSecretResponse;
import dev.wireless.server.model.PageMeta;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.util.Optional;

/**
 * Webhook secrets (KORE's {@code kore-signature}): created pending or active, activated to rotate;
 * the value is returned once, in the answer to its creation.
 */
public final class WebhookSecretsResource implements WebhookSecretsApi {

  private final WebhookSecrets secrets;

  /** The name a secret gets when the caller gives none (the column is required so every secret can be told apart). */
  static final String DEFAULT_NAME = "webhook secret";

  public WebhookSecretsResource(Pool pool) {
    this.secrets = new WebhookSecrets(pool);
  }

  @Override
  public Future<Reply<dev.wireless.server.model.WebhookSecret>> createWebhookSecret(CallContext call, String name) {
    return secrets.create(call.account(), name == null || name.isBlank() ? DEFAULT_NAME : name)
        .map(created -> Reply.created(toModel(created.metadata()).secret(created.secret())));
  }

  @Override
  public Future<Reply<ListWebhookSecretResponse>> listWebhookSecret(CallContext call) {
    return secrets.list(call.account(), Optional.empty()).map(all -> {
      String url = call.url("/v1/WebhookSecrets");
      return Reply.ok(new ListWebhookSecretResponse()
          .webhookSecrets(all.stream().map(WebhookSecretsResource::toModel).toList())
          .meta(new PageMeta().firstPageUrl(url).url(url).key("webhook_secrets").page(0)
              .pageSize(all.size()).nextPageUrl(null).previousPageUrl(null)));
    });
  }

  @Override
  public Future<Reply<dev.wireless.server.model.WebhookSecret>> updateWebhookSecret(CallContext call, String sid,
                                                                                   String status) {
    return secrets.rotate(call.account(), sid)
        .map(updated -> Reply.ok(toModel(updated.orElseThrow(() -> ApiException.notFound(call.path())))));
  }

  private static dev.wireless.server.model.WebhookSecret toModel(WebhookSecret secret) {
    return new dev.wireless.server.model.WebhookSecret()
        .id(secret.id())
        .name(secret.name())
        .status(secret.status())
        .secret(null)
        .dateCreated(Timestamps.api(secret.createdAt()))
        .dateUpdated(Timestamps.api(secret.updatedAt()));
  }
}
