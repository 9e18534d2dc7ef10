package org.nimbusdicom.query.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nimbusdicom.common.error.InvalidRequestException;
import org.nimbusdicom.query.config.QueryConfig;

class QidoQueryParserTest {

    private final QidoQueryParser parser = new QidoQueryParser(config(100, 500));

    private QidoQuery parse(QueryLevel level, String... nameValues) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            params.computeIfAbsent(nameValues[i], k -> new java.util.ArrayList<>()).add(nameValues[i + 1]);
        }
        return parser.parse(level, null, null, params);
    }

    private MatchCondition only(QidoQuery q) {
        assertEquals(1, q.conditions().size());
        return q.conditions().get(0);
    }

    @Test
    void keywordAndTagNameTheSameAttribute() {
        assertEquals(only(parse(QueryLevel.STUDY, "PatientID", "X")), only(parse(QueryLevel.STUDY, "00100020", "X")));
        assertEquals("st.patient_id", only(parse(QueryLevel.STUDY, "patientid", "X")).attribute().column());
    }

    @Test
    void matchingTypesFollowTheVr() {
        MatchCondition uidList = only(parse(QueryLevel.STUDY, "StudyInstanceUID", "1.2.3,1.2.4"));
        assertEquals(MatchCondition.Type.ANY, uidList.type());
        assertTrue(Arrays.equals(new String[] {"1.2.3", "1.2.4"}, (String[]) uidList.values().get(0)));
        assertEquals(new MatchCondition(QidoAttributes.byKeyword("StudyDate"), MatchCondition.Type.EQUALS,
                List.of(LocalDate.of(2020, 1, 1))), only(parse(QueryLevel.STUDY, "StudyDate", "20200101")));
        MatchCondition range = only(parse(QueryLevel.STUDY, "StudyDate", "20200101-"));
        assertEquals(MatchCondition.Type.RANGE, range.type());
        assertEquals(Arrays.asList(LocalDate.of(2020, 1, 1), null), range.values());
        MatchCondition time = only(parse(QueryLevel.STUDY, "StudyTime", "10"));
        assertEquals(Arrays.asList(LocalTime.of(10, 0), LocalTime.of(10, 59, 59, 999_999_000)), time.values());
        assertEquals(List.of("doe^john"), only(parse(QueryLevel.STUDY, "PatientName", "Doe^John^^")).values());
        assertEquals(List.of("doe%"), only(parse(QueryLevel.STUDY, "PatientName", "DOE*")).values());
        assertEquals(List.of("% jo%", "% do%"), only(parse(QueryLevel.STUDY, "fuzzymatching", "true", "PatientName", "Jo Do")).values());
        assertEquals(MatchCondition.Type.LIKE, only(parse(QueryLevel.STUDY, "PatientID", "A?C*")).type());
        assertEquals(List.of("A_C%"), only(parse(QueryLevel.STUDY, "PatientID", "A?C*")).values());
        assertEquals(List.of(7), only(parse(QueryLevel.SERIES, "SeriesNumber", "7")).values());
        assertEquals(MatchCondition.Type.UNIVERSAL, only(parse(QueryLevel.STUDY, "PatientName", "*")).type());
        assertEquals(MatchCondition.Type.UNIVERSAL, only(parse(QueryLevel.STUDY, "StudyDescription", "")).type());
    }

    @Test
    void pagingDefaultsAndCaps() {
        QidoQuery q = parse(QueryLevel.STUDY);
        assertEquals(100, q.limit());
        assertEquals(0, q.offset());
        assertEquals(500, parse(QueryLevel.STUDY, "limit", "9999").limit());
        assertEquals(7, parse(QueryLevel.STUDY, "offset", "7").offset());
    }

    @Test
    void includefield() {
        QidoQuery q = parse(QueryLevel.STUDY, "includefield", "PatientAge,00081030", "includefield", "SOPClassesInStudy");
        assertEquals(List.of(0x00101010, 0x00081030, 0x00080062), List.copyOf(q.includeFields()));
        assertTrue(parse(QueryLevel.STUDY, "includefield", "all").includeAll());
    }

    @Test
    void dictionaryKeywordsWorkForIncludefieldButAreNotMatchingKeys() {
        assertEquals(List.of(0x00181030), List.copyOf(parse(QueryLevel.SERIES, "includefield", "ProtocolName").includeFields()));
        InvalidRequestException e = assertThrows(InvalidRequestException.class,
                () -> parse(QueryLevel.SERIES, "ProtocolName", "x"));
        assertTrue(e.getMessage().contains("not supported as a matching key"), e.getMessage());
        e = assertThrows(InvalidRequestException.class, () -> parse(QueryLevel.SERIES, "ReferencedImageSequence", "x"));
        assertTrue(e.getMessage().contains("sequence"), e.getMessage());
    }

    @Test
    void everyProblemIsA400NamingTheParameter() {
        String[][] bad = {
            {"Unknown", "x"}, {"StudyInstanceUID", "1.2.x"}, {"StudyDate", "2020"}, {"limit", "-1"}, {"limit", "0"},
            {"offset", "x"}, {"fuzzymatching", "yes"}, {"includefield", "Nope"}, {"RequestAttributesSequence", "x"},
            {"RequestAttributesSequence.RequestedProcedureID", "x"}, {"Modality", "CT"}, {"ModalitiesInStudy", "C*"},
            {"RetrieveURL", "http://x"}, {"offset", "2000000"},
        };
        for (String[] p : bad) {
            InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> parse(QueryLevel.STUDY, p), p[0]);
            assertTrue(e.getMessage().contains(p[0].split("\\.")[0]), e.getMessage());
        }
        assertThrows(InvalidRequestException.class, () -> parser.parse(QueryLevel.SERIES, "1.2.x", null, Map.of()));
    }

    private static QueryConfig config(int defaultLimit, int maxLimit) {
        return new QueryConfig() {
            @Override
            public Indexer indexer() {
                throw new UnsupportedOperationException();
            }

            @Override
            public Qido qido() {
                return new Qido() {
                    @Override
                    public int defaultLimit() {
                        return defaultLimit;
                    }

                    @Override
                    public int maxLimit() {
                        return maxLimit;
                    }

                    @Override
                    public int maxOffset() {
                        return 1_000_000;
                    }
                };
            }

            @Override
            public Progress progress() {
                return new Progress() {
                    @Override
                    public Duration maxWait() {
                        return Duration.ofSeconds(30);
                    }

                    @Override
                    public Duration dbPollInterval() {
                        return Duration.ofMillis(25);
                    }
                };
            }
        };
    }

}
