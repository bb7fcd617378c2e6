package dev.wireless.server.debugger;

import dev.wireless.callbacks.signing.WebhookSecret;
import dev.wireless.callbacks.signing.WebhookSecrets;
import dev.wireless.server.api.SecretsApi;
import dev.wireless.server.common.Timestamps;
import dev.wireless.server.errors.ApiException;
import dev.wireless.server.http.CallContext;
import dev.wireless.server.http.Reply;
import dev.wireless.server.model.KoreCreateSecretRequest;
import dev.wireless.server.model.KoreModifySecretRequest;
import dev.wireless.server.model.KoreSecret;
import dev.wireless.server.model.KoreSecretCreated;
import dev.wireless.server.model.KoreSecretPage;
import dev.wireless.server.model.KoreSecretPageMeta;
import dev.wireless.server.model.KoreSecretStatus;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.util.List;
import java.util.Optional;

/**
 * KORE's webhook-secrets API ({@code /v1/secrets}): the same secrets as {@link WebhookSecretsResource}
 * in KORE's wire shape — JSON bodies, {@code last_modified}, {@code {data, meta_data}} pages numbered
 * from 1. An account holds a handful of secrets, so a page is cut from the full list.
 */
public final class KoreSecretsResource implements SecretsApi {

  static final int DEFAULT_PAGE_SIZE = 10;

  private final WebhookSecrets secrets;

  public KoreSecretsResource(Pool pool) {
    this.secrets = new WebhookSecrets(pool);
  }

  @Override
  public Future<Reply<KoreSecretPage>> getSecrets(CallContext call, KoreSecretStatus status, Integer pageNumber,
                                                  Integer pageSize) {
    int number = pageNumber == null ? 1 : pageNumber;
    int size = pageSize == null ? DEFAULT_PAGE_SIZE : pageSize;
    return secrets.list(call.account(), Optional.ofNullable(status).map(KoreSecretStatus::getValue)).map(all -> {
      long from = (long) (number - 1) * size;
      List<KoreSecret> page = all.stream().skip(from).limit(size).map(KoreSecretsResource::toModel).toList();
      boolean more = from + size < all.size();
      return Reply.ok(new KoreSecretPage().data(page).metaData(new KoreSecretPageMeta()
          .count(all.size()).pageSize(size).pageNumber(number)
          .previousPageUrl(number > 1 ? pageUrl(call, status, size, number - 1) : null)
          .nextPageUrl(more ? pageUrl(call, status, size, number + 1) : null)));
    });
  }

  @Override
  public Future<Reply<KoreSecretCreated>> createSecret(CallContext call, KoreCreateSecretRequest request) {
    return secrets.create(call.account(), request.getName()).map(created -> {
      WebhookSecret secret = created.metadata();
      return Reply.created(new KoreSecretCreated().id(secret.id()).name(secret.name())
          .status(KoreSecretStatus.fromValue(secret.status()))
          .lastModified(Timestamps.api(secret.updatedAt()))
          .secret(created.secret()));
    });
  }

  @Override
  public Future<Reply<KoreSecret>> getSecret(CallContext call, String id) {
    return secrets.find(call.account(), id).map(found -> Reply.ok(toModel(found.orElseThrow(
        () -> ApiException.notFound(call.path())))));
  }

  @Override
  public Future<Reply<KoreSecret>> modifySecret(CallContext call, String id, KoreModifySecretRequest request) {
    Optional<String> name = Optional.ofNullable(request).map(KoreModifySecretRequest::getName);
    Optional<String> status = Optional.ofNullable(request).map(KoreModifySecretRequest::getStatus)
        .map(KoreSecretStatus::getValue);
    return secrets.modify(call.account(), id, name, status).map(updated -> Reply.ok(toModel(updated.orElseThrow(
        () -> ApiException.notFound(call.path())))));
  }

  private static String pageUrl(CallContext call, KoreSecretStatus status, int size, int number) {
    return call.url("/v1/secrets") + "?page_size=" + size + "&page_number=" + number
        + (status == null ? "" : "&status=" + status.getValue());
  }

  private static KoreSecret toModel(WebhookSecret secret) {
    return new KoreSecret().id(secret.id()).name(secret.name())
        .status(KoreSecretStatus.fromValue(secret.status()))
        .lastModified(Timestamps.api(secret.updatedAt()));
  }
}
