package io.queryflux.engine.athena;

import io.queryflux.engine.ErrorCode;
import io.queryflux.engine.QueryException;
import io.queryflux.engine.trino.TrinoErrors;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.athena.model.AthenaError;
import software.amazon.awssdk.services.athena.model.InvalidRequestException;
import software.amazon.awssdk.services.athena.model.QueryExecutionStatus;
import software.amazon.awssdk.services.athena.model.TooManyRequestsException;

/** Classifies failed Athena queries and failed Athena API calls. */
final class AthenaErrors {
    /** Athena engine v3 starts failure reasons with Trino's error name: "TABLE_NOT_FOUND: line 1:15: ...". */
    private static final Pattern TRINO_ERROR_NAME = Pattern.compile("^([A-Z][A-Z0-9_]+): ");
    /** {@link AthenaError#errorCategory()}: 1 system, 2 user, 3 other. */
    private static final int USER_CATEGORY = 2;

    private AthenaErrors() {}

    static QueryException failed(String executionId, QueryExecutionStatus status) {
        AthenaError error = status.athenaError();
        String reason = Optional.ofNullable(status.stateChangeReason())
                .or(() -> Optional.ofNullable(error).map(AthenaError::errorMessage))
                .orElse("Athena query " + executionId + " failed without a reason");
        Matcher name = TRINO_ERROR_NAME.matcher(reason);
        ErrorCode code = (name.find() ? TrinoErrors.byName(name.group(1)) : Optional.<ErrorCode>empty())
                .orElseGet(() -> error != null && error.errorCategory() != null && error.errorCategory() == USER_CATEGORY
                        ? ErrorCode.GENERIC_USER_ERROR
                        : ErrorCode.EXTERNAL_ERROR);
        return new QueryException(code, reason);
    }

    static QueryException fromApi(String operation, SdkException e) {
        if (e instanceof TooManyRequestsException || e instanceof AwsServiceException service && service.isThrottlingException()) {
            return new QueryException(ErrorCode.EXTERNAL_ERROR,
                    "Athena throttled " + operation + " beyond the retry budget: " + e.getMessage(), e);
        }
        if (e instanceof InvalidRequestException) {
            return new QueryException(ErrorCode.GENERIC_USER_ERROR, "Athena rejected " + operation + ": " + e.getMessage(), e);
        }
        return new QueryException(ErrorCode.EXTERNAL_ERROR, "Athena " + operation + " failed: " + e.getMessage(), e);
    }
}
