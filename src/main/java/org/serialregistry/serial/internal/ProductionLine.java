package org.serialregistry.serial.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.serialregistry.serial.FacilityView;

@Entity
@Table(name = "production_line")
public class ProductionLine {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "facility_id", nullable = false, updatable = false)
    private Facility facility;

    @Column(nullable = false, updatable = false)
    private int number;

    @Column(nullable = false, updatable = false)
    private String code;

    @Column(nullable = false)
    private String name;

    @Version
    private long version;

    protected ProductionLine() {
    }

    ProductionLine(Facility facility, String code, int number, String name) {
        this.facility = facility;
        this.code = code;
        this.number = number;
        this.name = name;
    }

    public FacilityView.LineView toView() {
        return new FacilityView.LineView(id, code, number, name);
    }

    public Long getId() {
        return id;
    }

    public int getNumber() {
        return number;
    }

    public String getCode() {
        return code;
    }
}
